// Redirects are followed by hand (`redirect: 'manual'`): `fetch` would follow a 307 to
// any host with the `x-api-key` and `Authorization` headers still attached. Following
// them (follow-redirects.ts) loads on the first redirect: most apps never see one.
import { loadOnFirstUse } from './load-on-first-use.js';
import type * as FollowModule from './follow-redirects.js';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Whether a response to a `redirect: 'manual'` request is a redirect to follow by hand.
 * Checked on the status alone, so the common answer costs no header lookup.
 */
export function isRedirect(response: Response): boolean {
  return response.type === 'opaqueredirect' || REDIRECTS.has(response.status);
}

const follower = /* @__PURE__ */ loadOnFirstUse<typeof FollowModule>(() => import('./follow-redirects.js'));

/**
 * Follows redirects that stay on the allowed origin; a redirect to any other origin is
 * refused with an `APIError`, so the credentials are never sent there. See
 * follow-redirects.ts.
 */
export function followRedirects(options: FollowModule.FollowOptions): Promise<Response> {
  return follower().then((module) => module.followRedirects(options));
}
