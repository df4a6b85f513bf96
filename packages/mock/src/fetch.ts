// A fetch that never opens a socket: requests go straight to the handler. Faults
// look the way undici's fetch reports them: a drop before headers rejects with a
// TypeError, a drop mid-body errors the body stream, a stall waits for the signal.
import { answerWithSignal, createMockHandler } from './handler.js';
import type { MockFetch, MockHandler, MockOptions } from './types.js';

/** How many redirects are followed before giving up, as fetch does. */
const MAX_REDIRECTS = 20;

async function send(handler: MockHandler, options: { request: Request; signal: AbortSignal | undefined }): Promise<Response> {
  const { request, signal } = options;
  let current = request;
  // The body is read once so a 307/308 can send it again.
  const body = request.body ? await request.arrayBuffer() : undefined;
  for (let redirects = 0; ; redirects++) {
    // No signal in the Request (see answerWithSignal): the caller's is passed beside it.
    const forHandler = new Request(current.url, { method: current.method, headers: current.headers, ...(body ? { body } : {}) });
    const response = await answerWithSignal(handler, forHandler, signal ?? new AbortController().signal);
    const location = response.headers.get('location');
    if (![301, 302, 303, 307, 308].includes(response.status) || location === null || request.redirect !== 'follow') {
      return response;
    }
    const target = new URL(location, current.url);
    // Other origins are out of reach without a network: the redirect is returned as is.
    if (target.origin !== new URL(current.url).origin) return response;
    if (redirects >= MAX_REDIRECTS) throw new TypeError('fetch failed', { cause: new Error('redirect count exceeded') });
    await response.body?.cancel();
    const keepsMethod = response.status === 307 || response.status === 308;
    current = new Request(target, {
      method: keepsMethod ? current.method : 'GET',
      headers: current.headers,
      ...(keepsMethod && body ? { body } : {}),
    });
  }
}

/**
 * A `fetch` answered by the mock in-process, for any runtime and with no port. Any
 * origin works; only the path matters. `requests` lists what it received.
 *
 * @example
 * const fetch = createMockFetch();
 * const client = new Parley({ apiKey: 'test', baseURL: 'http://mock.local', fetch });
 */
export function createMockFetch(options: MockOptions = {}): MockFetch {
  const handler = createMockHandler(options);
  const mockFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    // The caller's own signal, passed beside the Request (see answerWithSignal); this
    // Request only reads the input, so it follows no signal.
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted === true) throw signal.reason as Error;
    const request = new Request(input, { ...init, signal: null });
    return send(handler, { request, signal: signal ?? undefined });
  };
  const withRequests: MockFetch = Object.assign(mockFetch, { requests: handler.requests });
  return withRequests;
}
