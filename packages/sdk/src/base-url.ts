// Users write the base URL the way their provider documents it: Anthropic's docs use
// the bare origin, many relays document `https://host/v1`, and some relays live under a
// path prefix (`https://relay.example/api/anthropic`). All of them mean the same API
// root, which is what the endpoint paths are appended to.

/** Where requests go when neither the `baseURL` option nor `ANTHROPIC_BASE_URL` is set. */
export const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/**
 * The API root for a base URL: its path with any trailing slashes removed and `/v1`
 * appended unless already there. A query string is kept and sent with every request.
 *
 * @example
 * apiRoot('https://relay.example/api/anthropic/').href; // 'https://relay.example/api/anthropic/v1'
 * apiRoot('https://api.anthropic.com/v1').href;         // 'https://api.anthropic.com/v1'
 */
export function apiRoot(baseURL: string): URL {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    throw new TypeError(`baseURL must be an absolute http(s) URL such as 'https://api.anthropic.com', got '${baseURL}'.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`baseURL must use http or https, got '${url.protocol}' in '${url.origin}'.`);
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = path.endsWith("/v1") ? path : `${path}/v1`;
  url.hash = '';
  return url;
}

/**
 * The URL of one endpoint under the API root, with query parameters added (those that
 * are `undefined` are left out).
 *
 * @example
 * endpointURL(apiRoot('https://host'), '/models', { limit: 2 }); // 'https://host/v1/models?limit=2'
 */
export function endpointURL(root: URL, path: string, query?: Record<string, string | number | undefined>): string {
  const url = new URL(root.href);
  url.pathname = `${root.pathname}${path}`;
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.href;
}
