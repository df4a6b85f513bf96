// Following redirects by hand, loaded on the first redirect (see redirect.ts): same-origin
// hops like a browser would take them, never a credential to another origin.
import { ParleyError, errorFromStatus } from '@parley/errors';

// The same statuses as redirect.ts: a copy, so this chunk imports no value from the initial load.
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** Settings for {@link followRedirects}. */
export interface FollowOptions {
  /** The fetch to send with. */
  fetch: typeof fetch;
  /** The URL that answered with `response`. */
  url: string;
  /** Method, headers (credentials included), body and signal of the request, with `redirect: 'manual'`. */
  init: RequestInit & { method: string };
  /** The first response: a redirect (see `isRedirect` in redirect.ts). */
  response: Response;
  /** The only origin credentials may go to: the base URL's. */
  allowedOrigin: string;
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // The body of a redirect is never used; a failure to cancel it changes nothing.
  }
}

/**
 * Follows redirects that stay on the allowed origin, like a browser would (303, and
 * 301/302 after a POST, become a GET without body). A redirect to any other origin is
 * refused with an `APIError` carrying the redirect's status, so the credentials are
 * never sent there.
 */
export async function followRedirects(options: FollowOptions): Promise<Response> {
  let { url, init, response } = options;
  for (let hops = 0; ; hops++) {
    if (response.type === 'opaqueredirect') {
      throw new ParleyError(`The server redirected ${init.method} ${url}; this runtime hides where to, so the redirect was not followed (credentials stay on ${options.allowedOrigin}).`);
    }
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) return response;
    await discard(response);
    const target = new URL(location, url);
    if (target.origin !== options.allowedOrigin) {
      throw errorFromStatus({
        status: response.status,
        headers: response.headers,
        body: undefined,
        message: `${response.status} redirect to another origin (${target.origin}) not followed: credentials are only sent to ${options.allowedOrigin}.`,
      });
    }
    if (hops >= MAX_REDIRECTS) {
      throw errorFromStatus({ status: response.status, headers: response.headers, body: undefined, message: `More than ${MAX_REDIRECTS} redirects from ${options.url}.` });
    }
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && init.method === 'POST')) {
      const headers = { ...(init.headers as Record<string, string>) };
      delete headers['content-type'];
      init = { ...init, method: 'GET', body: undefined, headers };
    }
    url = target.href;
    response = await options.fetch(url, init);
  }
}
