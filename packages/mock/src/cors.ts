// Cross-origin access for the HTTP server, so a web page on another origin (a dev
// server, a test page) can call the mock. Preflights are answered here, before the
// handler: they are not API requests, so they are neither recorded nor faulted.

/** Any origin (`'*'`), or the only origins allowed, like `['http://localhost:5173']`. */
export type CorsOption = '*' | readonly string[];

/** What clients send: Parley, Anthropic's official SDK, and the mock's own fault header. */
const ALLOWED_HEADERS = [
  'content-type',
  'x-api-key',
  'authorization',
  'anthropic-version',
  'anthropic-beta',
  'anthropic-dangerous-direct-browser-access',
  'x-parley-client',
  'x-parley-retry-count',
  'x-stainless-arch',
  'x-stainless-lang',
  'x-stainless-os',
  'x-stainless-package-version',
  'x-stainless-retry-count',
  'x-stainless-runtime',
  'x-stainless-runtime-version',
  'x-stainless-timeout',
  'x-stainless-helper',
  'x-stainless-helper-method',
  'x-mock-fault',
].join(', ');

/** The response headers a client reads besides the CORS-safelisted ones. */
const EXPOSED_HEADERS = 'request-id, retry-after, retry-after-ms, x-should-retry';

const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';

/**
 * `origin` as the browser sends it (`http://a` for `http://A:80`); throws a TypeError
 * saying why when it is not an origin.
 */
export function normalizeOrigin(origin: string): string {
  const problem = `'${origin}' is not an origin (a scheme, host and port only, like 'http://localhost:5173')`;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new TypeError(problem);
  }
  const extra = url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '';
  if (!['http:', 'https:'].includes(url.protocol) || extra) throw new TypeError(problem);
  return url.origin;
}

/** The CORS answer of a server: which origins it serves, and the headers they get. */
export class CorsPolicy {
  readonly #origins: ReadonlySet<string> | undefined;

  constructor(option: CorsOption = '*') {
    if (option === '*') return;
    if (!Array.isArray(option)) throw new TypeError(`@parley/mock: cors should be '*' or a list of origins`);
    const origins = option.map((origin) => {
      try {
        return normalizeOrigin(String(origin));
      } catch (error) {
        throw new TypeError(`@parley/mock: cors: ${(error as Error).message}`, { cause: error });
      }
    });
    this.#origins = new Set(origins);
  }

  /** Whether a request from `origin` may read the answer. */
  allows(origin: string): boolean {
    return this.#origins === undefined || this.#origins.has(origin);
  }

  /** The headers added to an answer to a request carrying `origin` (none for a refused origin). */
  headers(origin: string | undefined): Record<string, string> {
    if (origin === undefined) return {};
    // The answer depends on the origin, so caches must keep one per origin.
    if (!this.allows(origin)) return { vary: 'origin' };
    return { 'access-control-allow-origin': origin, 'access-control-expose-headers': EXPOSED_HEADERS, vary: 'origin' };
  }

  /** The answer to a preflight (`OPTIONS` with `access-control-request-method`), or undefined for any other request. */
  preflight(request: { method: string; headers: Headers }): Response | undefined {
    const origin = request.headers.get('origin');
    if (request.method !== 'OPTIONS' || origin === null || !request.headers.has('access-control-request-method')) return undefined;
    if (!this.allows(origin)) {
      return new Response(`Origin ${origin} is not allowed by the mock's cors option.\n`, {
        status: 403,
        headers: { 'content-type': 'text/plain; charset=utf-8', vary: 'origin' },
      });
    }
    return new Response(null, {
      status: 204,
      headers: {
        ...this.headers(origin),
        'access-control-allow-methods': ALLOWED_METHODS,
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': '600',
      },
    });
  }
}
