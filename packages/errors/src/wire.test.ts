import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  AuthenticationError,
  InternalServerError,
  OverloadedError,
  RateLimitError,
  ServiceUnavailableError,
  fromResponse,
  isRetryable,
  retryDelayMs,
} from './index.js';

// Real HTTP on 127.0.0.1: the status lines, headers and bodies relays, proxies and
// llama.cpp actually send, read through the platform's fetch.
const KEY = 'sk-ant-api03-wire-test-secret-0123456789';
let server: Server;
let base: string;

const routes: Record<string, (res: ServerResponse) => void> = {
  '/nginx-502': (res) => {
    res.writeHead(502, { 'content-type': 'text/html', server: 'nginx' });
    res.end('<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n');
  },
  '/overloaded': (res) => {
    res.writeHead(529, { 'content-type': 'application/json', 'request-id': 'req_wire_529', 'x-should-retry': 'true' });
    res.end(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: 'req_wire_529' }));
  },
  '/llama-401': (res) => {
    res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', server: 'llama.cpp' });
    res.end('{"error":{"code":401,"message":"Invalid API Key","type":"authentication_error"}}');
  },
  '/rate-limited': (res) => {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after-ms': '1500', 'retry-after': '2' });
    res.end(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Rate limited' } }));
  },
  '/empty-503': (res) => {
    res.writeHead(503);
    res.end();
  },
  '/dropped-500': (res) => {
    res.writeHead(500, { 'content-type': 'application/json', 'content-length': '200' });
    res.write('{"type":"error","error":{"type":"api_', () => {
      res.socket?.destroy();
    });
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route === undefined) {
      res.writeHead(404);
      res.end();
    } else {
      route(res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
});

const post = (path: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: '{}' });

describe('fromResponse over HTTP', () => {
  it('reads a proxy HTML 502', async () => {
    const error = await fromResponse(await post('/nginx-502'));
    expect(error.constructor).toBe(InternalServerError);
    expect(error.message).toBe('502 Bad Gateway: (HTML page) 502 Bad Gateway');
    expect(error.headers.get('server')).toBe('nginx');
    expect(isRetryable(error)).toBe(true);
  });

  it('reads an Anthropic 529 with its request id', async () => {
    const error = await fromResponse(await post('/overloaded'));
    expect(error.constructor).toBe(OverloadedError);
    expect(error.requestId).toBe('req_wire_529');
    expect(error.message).toBe('529 overloaded_error: Overloaded (request req_wire_529)');
  });

  it("reads llama.cpp's OpenAI-shaped 401 without leaking the key it was sent", async () => {
    const url = `${base}/llama-401`;
    const error = await fromResponse(await post('/llama-401'), { request: { method: 'POST', url, headers: { 'x-api-key': KEY } } });
    expect(error.constructor).toBe(AuthenticationError);
    expect(error.type).toBe('authentication_error');
    expect(error.code).toBe(401);
    expect(error.message).toBe('401 authentication_error: Invalid API Key');
    expect(error.request?.headers['x-api-key']).toBe('sk-a...(redacted)');
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it('reads retry-after-ms from a 429', async () => {
    const error = await fromResponse(await post('/rate-limited'));
    expect(error.constructor).toBe(RateLimitError);
    expect(RateLimitError.isInstance(error) ? error.retryAfterMs : 'not a RateLimitError').toBe(1500);
    expect(retryDelayMs(error, 1)).toBe(1500);
  });

  it('reads an empty 503', async () => {
    const error = await fromResponse(await post('/empty-503'));
    expect(error.constructor).toBe(ServiceUnavailableError);
    expect(error.message).toBe('503 Service Unavailable: empty body');
  });

  it('keeps the status when the connection drops inside the body', async () => {
    const error = await fromResponse(await post('/dropped-500'));
    expect(error.constructor).toBe(InternalServerError);
    expect(error.message).toBe('500 Internal Server Error: body could not be read');
    expect(error.cause).toBeInstanceOf(Error);
  });
});

describe('APIConnectionError from a real refused connection', () => {
  it('describes the cause chain fetch gives', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/v1/messages`;
    await new Promise<void>((resolve) => {
      closed.close(() => {
        resolve();
      });
    });
    const cause = await fetch(url, { method: 'POST', headers: { 'x-api-key': KEY } }).then(
      () => undefined,
      (err: unknown) => err,
    );
    const error = new APIConnectionError({ cause, request: { method: 'POST', url, headers: { 'x-api-key': KEY } } });
    expect(error.message).toMatch(new RegExp(`^Connection error \\(POST ${url.replace(/\./g, '\\.')}\\): fetch failed: .*ECONNREFUSED`));
    expect(isRetryable(error)).toBe(true);
    expect(error.cause).toBe(cause);
  });
});
