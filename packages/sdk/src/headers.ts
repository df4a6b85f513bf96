// The headers of each request, in the order they override one another: the client's
// own, `content-type`, auth, the user's `defaultHeaders`, the call's `headers`, and the
// retry count.
import type { Credentials } from './auth.js';

/** Headers as the options give them: `null` removes a header set earlier. */
export type HeaderMap = Record<string, string | null | undefined>;

function mergeHeaders(target: Map<string, string>, extra: HeaderMap | undefined): void {
  for (const [name, value] of Object.entries(extra ?? {})) {
    const key = name.toLowerCase();
    if (value === null) target.delete(key);
    else if (value !== undefined) target.set(key, value);
  }
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
  readonly #fixed: readonly [Map<string, string>, Map<string, string>] | undefined;
  readonly #fixedObjects: readonly [Record<string, string>, Record<string, string>] | undefined;

  constructor(config: RequestHeadersConfig) {
    this.#config = config;
    const auth = config.credentials.fixedHeaders();
    if (auth === undefined) return;
    this.#fixed = [this.#shared(false, auth), this.#shared(true, auth)];
    this.#fixedObjects = [Object.fromEntries(this.#fixed[0]), Object.fromEntries(this.#fixed[1])];
  }

  /** The headers of one attempt; a promise only when the credentials must be asked for. */
  build(options: BuildOptions): Record<string, string> | Promise<Record<string, string>> {
    if (this.#fixed === undefined || this.#fixedObjects === undefined) return this.#dynamic(options);
    const kind = options.hasBody ? 1 : 0;
    const retry = String(options.attempt);
    if (options.headers === undefined) return { ...this.#fixedObjects[kind], 'x-parley-retry-count': retry };
    const headers = new Map(this.#fixed[kind]);
    mergeHeaders(headers, options.headers);
    headers.set('x-parley-retry-count', retry);
    return Object.fromEntries(headers);
  }

  #shared(hasBody: boolean, auth: Record<string, string>): Map<string, string> {
    const headers = new Map<string, string>();
    mergeHeaders(headers, this.#config.baseHeaders);
    if (hasBody) headers.set('content-type', 'application/json');
    mergeHeaders(headers, auth);
    mergeHeaders(headers, this.#config.defaultHeaders);
    return headers;
  }

  async #dynamic(options: BuildOptions): Promise<Record<string, string>> {
    const headers = this.#shared(options.hasBody, await this.#config.credentials.headers());
    mergeHeaders(headers, options.headers);
    headers.set('x-parley-retry-count', String(options.attempt));
    return Object.fromEntries(headers);
  }
}
