// Serves the handler over node:http. The handler speaks web Request/Response; this
// file only moves bytes between those and Node's sockets, and turns a failed body
// (a "drop" fault) into a destroyed connection. node:http is imported when a server
// starts, not when the package loads, so createMockFetch works where Node's modules
// do not exist (browsers, edge workers).
import type { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CorsPolicy } from './cors.js';
import { bodyLimit, createMockHandler } from './handler.js';
import type { MockHandler, MockServer, MockServerOptions } from './types.js';

const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Room for a burst of a few thousand connections (Node's default, 511, overflows at a thousand). */
const DEFAULT_BACKLOG = 4096;

/** Resolves on `event`, rejects on `error` or when `signal` aborts. */
function once(emitter: EventEmitter, options: { event: string; signal?: AbortSignal }): Promise<void> {
  const { event, signal } = options;
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      emitter.off(event, onEvent);
      emitter.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onEvent = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: unknown): void => {
      cleanup();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onAbort = (): void => {
      cleanup();
      reject(signal?.reason as Error);
    };
    emitter.once(event, onEvent);
    emitter.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Reads at most `limit + 1` bytes (enough to see it is too large) and drains the rest. */
async function collectBody(req: IncomingMessage, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Uint8Array>) {
    if (size > limit) continue;
    const room = limit + 1 - size;
    const kept = chunk.byteLength > room ? chunk.subarray(0, room) : chunk;
    chunks.push(kept);
    size += kept.byteLength;
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** One request/response pair being served. */
interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  /** Aborts when the client leaves or the server closes the connection. */
  signal: AbortSignal;
}

/** What every exchange of one server shares. */
interface ServeContext {
  handler: MockHandler;
  /** The body size limit; the handler answers 413 above it. */
  limit: number;
  /** The server's base URL, for the Request URL. */
  base: string;
  /** Which web pages may call the server. */
  cors: CorsPolicy;
}

function toRequest(exchange: Exchange, options: { body: Uint8Array<ArrayBuffer>; base: string }): Request {
  const { req, signal } = exchange;
  const { body, base } = options;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD' && body.byteLength > 0;
  return new Request(new URL(req.url ?? '/', base), { method, headers, signal, ...(hasBody ? { body } : {}) });
}

async function pipeBody(response: Response, exchange: Exchange): Promise<void> {
  const { res, signal } = exchange;
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  let written = Promise.resolve();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let flushed = (): void => undefined;
      written = new Promise((resolve) => {
        flushed = resolve;
      });
      if (!res.write(value, () => { flushed(); })) await once(res, { event: 'drain', signal });
    }
    res.end();
  } catch {
    // The body failed on purpose (a drop fault) or the client went away. What was sent
    // must reach the client first, or "drop after N events" would drop fewer.
    if (!res.destroyed) await Promise.race([written, once(res, { event: 'close' })]);
    res.destroy();
  }
}

async function serve(context: ServeContext, pair: { req: IncomingMessage; res: ServerResponse }): Promise<void> {
  const { req, res } = pair;
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) gone.abort(new Error('The client closed the connection.'));
  });
  const exchange: Exchange = { req, res, signal: gone.signal };
  let response: Response;
  let preflight: boolean;
  try {
    // The path's own limit: cut shorter, a large batch would reach the handler truncated.
    const body = await collectBody(req, bodyLimit(new URL(req.url ?? '/', 'http://mock').pathname, context.limit));
    const request = toRequest(exchange, { body, base: context.base });
    const answer = context.cors.preflight(request);
    preflight = answer !== undefined;
    response = answer ?? (await context.handler.handle(request));
  } catch {
    // A dropBeforeHeaders fault, or a client that left while the latency ran.
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  if (!preflight) Object.assign(headers, context.cors.headers(req.headers.origin));
  try {
    res.writeHead(response.status, headers);
  } catch {
    // A header Node refuses (e.g. a fault header with a line break) must not crash the server.
    await response.body?.cancel();
    req.socket.destroy();
    return;
  }
  // Stream headers now, so a client sees them even when the body stalls.
  res.flushHeaders();
  await pipeBody(response, exchange);
}

/**
 * Starts the mock on 127.0.0.1 (port 0 picks a free port).
 *
 * @example
 * const server = await startMockServer({ port: 0 });
 * const client = new Parley({ apiKey: 'test', baseURL: server.url });
 * await server.close();
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port = 0, host = '127.0.0.1', backlog = DEFAULT_BACKLOG, cors, ...mockOptions } = options;
  if (!Number.isInteger(backlog) || backlog < 1) throw new TypeError('@parley/mock: backlog should be an integer >= 1');
  const handler = createMockHandler(mockOptions);
  const context: ServeContext = { handler, limit: mockOptions.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, base: '', cors: new CorsPolicy(cors) };
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => {
    // serve() handles its own failures; this only guards against a bug leaving a socket open.
    serve(context, { req, res }).catch(() => req.socket.destroy());
  });
  server.listen({ port, host, backlog });
  await once(server, { event: 'listening' });
  const address = server.address() as AddressInfo;
  const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  context.base = `http://${hostname}:${address.port}`;
  return {
    url: context.base,
    requests: handler.requests,
    reset: () => { handler.reset(); },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => { if (error) reject(error); else resolve(); });
        // Stalled streams and idle keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
