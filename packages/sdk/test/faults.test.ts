// The fault matrix: one test per row, each asserting the error class (or success), the
// number of attempts the server saw and, for streams, the partial message kept.
import {
  APIConnectionError,
  type APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
  RequestTooLargeError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from '@parley/errors';
import type { MockFault } from '@parley/mock';
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import Parley from '../src/index.js';
import { API_KEY, PARAMS, failure, mock, rawServer, recordingLogger } from './helpers.js';

async function scripted(faults: MockFault[], options: { timeout?: number; maxRetries?: number } = {}) {
  const server = await mock({ faults });
  return { server, client: new Parley({ apiKey: API_KEY, baseURL: server.url, ...options }) };
}

const soon = { 'retry-after-ms': '0' };

describe('retried statuses, then success', () => {
  const rows: [string, MockFault][] = [
    ['429 with retry-after-ms', { status: 429, headers: { 'retry-after-ms': '1' } }],
    ['429 with retry-after in seconds', { status: 429, headers: { 'retry-after': '0' } }],
    ['429 with retry-after as a past HTTP date', { status: 429, headers: { 'retry-after': new Date(Date.now() - 5_000).toUTCString() } }],
    ['529 overloaded', { status: 529, headers: soon }],
    ['500', { status: 500, headers: soon }],
    ['503', { status: 503, headers: soon }],
    ['408', { status: 408, headers: soon }],
    ['409', { status: 409, headers: soon }],
    ['502 with an HTML body from a proxy', { status: 502, headers: soon, body: '<html><title>502 Bad Gateway</title></html>' }],
  ];
  for (const [name, fault] of rows) {
    it(name, async () => {
      const { client, server } = await scripted([fault]);
      const message = await client.messages.create(PARAMS);
      expect(message.type).toBe('message');
      expect(server.requests.map((r) => r.headers['x-parley-retry-count'])).toEqual(['0', '1']);
    });
  }
});

describe('server-requested delays beyond the cap are not waited for', () => {
  it('429 with retry-after: 120 seconds', async () => {
    const { client, server } = await scripted([{ status: 429, headers: { 'retry-after': '120' } }]);
    const error = await failure(client.messages.create(PARAMS));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(server.requests).toHaveLength(1);
  });

  it('429 with retry-after as an HTTP date two minutes ahead', async () => {
    const { client, server } = await scripted([{ status: 429, headers: { 'retry-after': new Date(Date.now() + 120_000).toUTCString() } }]);
    const error = await failure(client.messages.create(PARAMS));
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});

describe('retries run out', () => {
  it('529 three times fails with OverloadedError after 1 + maxRetries attempts', async () => {
    const fault = { status: 529, headers: soon };
    const { client, server } = await scripted([fault, fault, fault, fault]);
    const error = await failure(client.messages.create(PARAMS));
    expect(OverloadedError.isInstance(error)).toBe(true);
    expect((error as OverloadedError).status).toBe(529);
    expect(server.requests.map((r) => r.headers['x-parley-retry-count'])).toEqual(['0', '1', '2']);
  });

  it('maxRetries per call overrides the client', async () => {
    const fault = { status: 500, headers: soon };
    const { client, server } = await scripted([fault, fault, fault, fault, fault]);
    const error = await failure(client.messages.create(PARAMS, { maxRetries: 4 }));
    expect(InternalServerError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(5);
  });
});

describe('statuses that are not retried', () => {
  const rows: [number, (e: unknown) => boolean][] = [
    [400, (e) => BadRequestError.isInstance(e)],
    [401, (e) => AuthenticationError.isInstance(e)],
    [403, (e) => PermissionDeniedError.isInstance(e)],
    [404, (e) => NotFoundError.isInstance(e)],
    [413, (e) => RequestTooLargeError.isInstance(e)],
    [422, (e) => UnprocessableEntityError.isInstance(e)],
  ];
  for (const [status, isClass] of rows) {
    it(`${status}`, async () => {
      const { client, server } = await scripted([{ status, headers: soon }]);
      const error = await failure(client.messages.create(PARAMS));
      expect(isClass(error)).toBe(true);
      expect((error as APIError).status).toBe(status);
      expect((error as APIError).requestId).toMatch(/^req_/);
      expect(server.requests).toHaveLength(1);
    });
  }

  it('503 with x-should-retry: false', async () => {
    const { client, server } = await scripted([{ status: 503, headers: { ...soon, 'x-should-retry': 'false' } }]);
    const error = await failure(client.messages.create(PARAMS));
    expect(ServiceUnavailableError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('409 is retried but a conflict that persists surfaces as ConflictError', async () => {
    const fault = { status: 409, headers: soon };
    const { client, server } = await scripted([fault, fault, fault]);
    const error = await failure(client.messages.create(PARAMS, { maxRetries: 1 }));
    expect(ConflictError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(2);
  });
});

describe('connection failures', () => {
  it('connection refused: APIConnectionError after every attempt', async () => {
    // A port that was free a moment ago: nothing listens there any more.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    let attempts = 0;
    const counting: typeof fetch = (input, init) => {
      attempts++;
      return fetch(input, init);
    };
    const client = new Parley({ apiKey: API_KEY, baseURL: `http://127.0.0.1:${port}`, fetch: counting, maxRetries: 1 });
    const error = await failure(client.messages.create(PARAMS));
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect(APITimeoutError.isInstance(error)).toBe(false);
    expect((error as Error).message).toMatch(/ECONNREFUSED|fetch failed/);
    expect(attempts).toBe(2);
  });

  it('connection dropped before headers, then success', async () => {
    const { client, server } = await scripted([{ dropBeforeHeaders: true }]);
    const message = await client.messages.create(PARAMS);
    expect(message.type).toBe('message');
    expect(server.requests).toHaveLength(2);
  });

  it('no headers in time: APITimeoutError, retried', async () => {
    const silent = await rawServer(() => undefined);
    const client = new Parley({ apiKey: API_KEY, baseURL: silent.url, timeout: 100, maxRetries: 1 });
    const error = await failure(client.messages.create(PARAMS));
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect((error as APITimeoutError).timeoutMs).toBe(100);
    expect(silent.hits).toHaveLength(2);
  });

  it('a non-streamed body that stalls is bounded by the same timeout', async () => {
    const { client, server } = await scripted([{ stallAfterEvents: 0 }], { timeout: 150, maxRetries: 0 });
    const error = await failure(client.messages.create(PARAMS));
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});

describe('streams', () => {
  it('a 529 before the stream starts is retried', async () => {
    const { client, server } = await scripted([{ status: 529, headers: soon }]);
    const message = await client.messages.stream(PARAMS).finalMessage();
    expect(message.stop_reason).toBe('end_turn');
    expect(server.requests).toHaveLength(2);
  });

  it('headers then silence: APITimeoutError with the partial message, not retried', async () => {
    const { client, server } = await scripted([{ stallAfterEvents: 3 }], { timeout: 200 });
    const stream = client.messages.stream(PARAMS);
    const error = await failure(stream.finalMessage());
    expect(APITimeoutError.isInstance(error)).toBe(true);
    expect((error as APITimeoutError).partialMessage?.id).toMatch(/^msg_/);
    expect(server.requests).toHaveLength(1);
  });

  it('mid-stream overloaded_error: OverloadedError with the partial message, not retried', async () => {
    const { client, server } = await scripted([{ errorAfterEvents: 4 }]);
    const stream = client.messages.stream(PARAMS);
    const error = await failure(stream.finalMessage());
    expect(OverloadedError.isInstance(error)).toBe(true);
    const partial = (error as OverloadedError).partialMessage;
    expect(partial?.id).toMatch(/^msg_/);
    expect(partial?.content.length).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(1);
  });

  it('mid-stream drop: APIConnectionError with the partial message, not retried', async () => {
    const { client, server } = await scripted([{ dropAfterEvents: 4 }]);
    const events = await client.messages.create({ ...PARAMS, stream: true });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of events) seen.push(event.type);
      })(),
    );
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect((error as APIConnectionError).partialMessage?.id).toMatch(/^msg_/);
    expect(seen[0]).toBe('message_start');
    expect(seen).toHaveLength(4);
    expect(server.requests).toHaveLength(1);
  });
});

describe('aborts', () => {
  it('before the request: nothing is sent', async () => {
    const { client, server } = await scripted([]);
    const controller = new AbortController();
    controller.abort();
    const error = await failure(client.messages.create(PARAMS, { signal: controller.signal }));
    expect(APIUserAbortError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('while waiting for headers', async () => {
    const silent = await rawServer(() => undefined);
    const client = new Parley({ apiKey: API_KEY, baseURL: silent.url });
    const controller = new AbortController();
    const call = client.messages.create(PARAMS, { signal: controller.signal });
    await expect.poll(() => silent.hits.length).toBe(1);
    controller.abort();
    const error = await failure(call);
    expect(APIUserAbortError.isInstance(error)).toBe(true);
    expect(silent.hits).toHaveLength(1);
  });

  it('mid-stream, through the signal: the stream ends with APIUserAbortError', async () => {
    const { client, server } = await scripted([{ dripMs: 30 }]);
    const controller = new AbortController();
    const stream = client.messages.stream(PARAMS, { signal: controller.signal });
    stream.on('text', () => {
      controller.abort();
    });
    const error = await failure(stream.finalMessage());
    expect(APIUserAbortError.isInstance(error)).toBe(true);
    expect(stream.currentMessage?.id).toMatch(/^msg_/);
    expect(server.requests).toHaveLength(1);
  });

  it('mid-stream, through stream.controller', async () => {
    const { client } = await scripted([{ dripMs: 30 }]);
    const events = await client.messages.create({ ...PARAMS, stream: true });
    const seen: string[] = [];
    const error = await failure(
      (async () => {
        for await (const event of events) {
          seen.push(event.type);
          if (event.type === 'content_block_delta') events.controller.abort();
        }
      })(),
    );
    expect(APIUserAbortError.isInstance(error)).toBe(true);
    expect(seen).not.toContain('message_stop');
  });

  it('during a retry delay: stops at once instead of waiting 30 s', async () => {
    const server = await mock({ faults: [{ status: 429, headers: { 'retry-after-ms': '30000' } }] });
    const logger = recordingLogger();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, logger, logLevel: 'info' });
    const controller = new AbortController();
    const call = client.messages.create(PARAMS, { signal: controller.signal });
    // The retry is announced just before the delay starts.
    await expect.poll(() => logger.lines.some((line) => String(line.args[0]).includes('retrying'))).toBe(true);
    controller.abort();
    const error = await failure(call);
    expect(APIUserAbortError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
  });
});
