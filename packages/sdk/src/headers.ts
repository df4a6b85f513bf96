// The headers of each request, in the order they override one another: the client's
// own, `content-type`, auth, the user's `defaultHeaders`, the call's `headers`, and the
// retry count.
import type { Credentials } from './auth.js';

/** Headers as the options give them: `null` removes a header set earlier. */
export type HeaderMap = Record<string, string | null | undefined>;

const JSON_BODY = { 'content-type': 'application/json' };

/** The headers after applying `parts` in order (later ones override; `null` removes). */
function merge(parts: readonly (HeaderMap | undefined)[]): Record<string, string> {
  const headers = new Map<string, string>();
  for (const part of parts) {
    for (const [name, value] of Object.entries(part ?? {})) {
      const key = name.toLowerCase();
      if (value === null) headers.delete(key);
      else if (value !== undefined) headers.set(key, value);
    }
  }
  return Object.fromEntries(headers);
}

/** One attempt's part in its headers. */
export interface BuildOptions {
  /** Whether a JSON body is sent (adds `content-type`). */
  hasBody: boolean;
  /** The call's own `headers` option. */
  headers: HeaderMap | undefined;
  /** 0 for the first attempt; sent as `x-parley-retry-count`. */
  attempt: number;
}

/** What {@link RequestHeaders} merges, fixed when the client is built. */
export interface RequestHeadersConfig {
  /** Headers every request starts with (`anthropic-version`, identification, ...). */
  baseHeaders: HeaderMap;
  credentials: Credentials;
  /** The user's `defaultHeaders`. */
  defaultHeaders: HeaderMap;
}

/**
 * Builds each request's headers. What every request shares is merged once (per kind:
 * with a body or without), so a call without headers of its own costs one object copy;
 * an `apiKey` function, called before every request, takes the full path.
 */
export class RequestHeaders {
  readonly #config: RequestHeadersConfig;
  // [without a body, with a body]; undefined when an `apiKey` function makes auth vary.
  readonly #fixed: readonly Record<string, string>[] | undefined;

  constructor(config: RequestHeadersConfig) {
    this.#config = config;
    const auth = config.credentials.fixedHeaders();
    if (auth !== undefined) this.#fixed = [false, true].map((hasBody) => this.#all(hasBody, auth));
  }

  /** The headers of one attempt; a promise only when the credentials must be asked for. */
  build({ hasBody, headers, attempt }: BuildOptions): Record<string, string> | Promise<Record<string, string>> {
    const fixed = this.#fixed?.[hasBody ? 1 : 0];
    if (fixed !== undefined && headers === undefined) {
      // A copy per request (a caller's fetch may change what it is given), made by one
      // spread and one assignment: a second spread is a slow generic copy in V8.
      const complete = { ...fixed };
      complete['x-parley-retry-count'] = String(attempt);
      return complete;
    }
    const retry = { 'x-parley-retry-count': String(attempt) };
    if (fixed === undefined) return this.#config.credentials.headers().then((auth) => this.#all(hasBody, auth, headers, retry));
    return merge([fixed, headers, retry]);
  }

  #all(hasBody: boolean, auth: HeaderMap, ...extra: (HeaderMap | undefined)[]): Record<string, string> {
    const { baseHeaders, defaultHeaders } = this.#config;
    return merge([baseHeaders, hasBody ? JSON_BODY : undefined, auth, defaultHeaders, ...extra]);
  }
}
