import type { IncomingMessage } from 'node:http';
import { APIConnectionError, APITimeoutError, APIUserAbortError, OverloadedError, type ParleyError } from '@parley/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageStream } from '../src/index.js';
import { fixtureFrames, fixtureMessage } from './bodies.js';
import { drip, SSE_HEADERS, sleep, startLocalServer, type LocalServer } from './local-server.js';

// The stream against real HTTP on 127.0.0.1: Node's fetch, real sockets, real drops.

const servers: LocalServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handle: Parameters<typeof startLocalServer>[0]): Promise<string> {
  const server = await startLocalServer(handle);
  servers.push(server);
  return server.url;
}

/** Resolves when the client side of `request` has gone away. */
const gone = (request: IncomingMessage): Promise<void> => new Promise((resolve) => {
    request.socket.once('close', () => {
      resolve();
    });
  });

describe('MessageStream over HTTP', () => {
  it('streams a reply dripped in small chunks from any fetch', async () => {
    const url = await serve(async (_request, response) => {
      response.writeHead(200, { ...SSE_HEADERS, 'request-id': 'req_wire_1' });
      await drip(response, fixtureFrames('tool-use').join(''), { size: 16, delayMs: 0 });
      response.end();
    });
    const stream = MessageStream.fromResponse(fetch(url, { method: 'POST' }));
    const connected = stream.emitted('connect');
    const message = await stream.finalMessage();
    await connected;
    expect(message).toEqual(fixtureMessage('tool-use'));
    expect(stream.requestId).toBe('req_wire_1');
    expect(stream.response?.status).toBe(200);
  });

  it('fails with APIConnectionError and the partial message when the connection drops', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      response.write(fixtureFrames('text').slice(0, 4).join(''));
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const stream = MessageStream.fromResponse(fetch(url));
    const texts: string[] = [];
    stream.on('text', (text) => texts.push(text));
    const error = await stream.done().catch((err: unknown) => err);
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect(APITimeoutError.isInstance(error)).toBe(false);
    expect((error as ParleyError).partialMessage?.content).toEqual([{ type: 'text', text: 'Grüße 👋 — ' }]);
    expect(texts).toEqual(['Grüße 👋 — ']);
  });

  it('times out a stalled stream, closing the connection', async () => {
    let closed!: Promise<void>;
    const url = await serve((request, response) => {
      closed = gone(request);
      response.writeHead(200, SSE_HEADERS);
      response.write(fixtureFrames('text').slice(0, 4).join(''));
    });
    const controller = new AbortController();
    const stream = MessageStream.fromResponse(fetch(url, { signal: controller.signal }), { controller, idleTimeoutMs: 100 });
    const error = await stream.finalMessage().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect((error as APITimeoutError).partialMessage?.content).toEqual([{ type: 'text', text: 'Grüße 👋 — ' }]);
    await closed;
    expect(controller.signal.aborted).toBe(true);
  });

  it('closes the connection when a for await loop is left early', async () => {
    let closed!: Promise<void>;
    let finished: boolean | undefined;
    const url = await serve(async (request, response) => {
      closed = gone(request);
      response.writeHead(200, SSE_HEADERS);
      finished = await drip(response, fixtureFrames('text').join(''), { size: 40, delayMs: 10 });
    });
    const stream = MessageStream.fromResponse(fetch(url));
    for await (const event of stream) {
      if (event.type === 'content_block_start') break;
    }
    await closed;
    await sleep(30);
    expect(finished).toBe(false);
    await expect(stream.done()).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it('turns an error status into its typed error', async () => {
    const url = await serve((_request, response) => {
      response.writeHead(529, { 'content-type': 'application/json', 'request-id': 'req_busy' });
      response.end(JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }));
    });
    const error = await MessageStream.fromResponse(fetch(url)).done().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OverloadedError);
    expect(error).toMatchObject({ status: 529, requestId: 'req_busy', type: 'overloaded_error' });
  });

  it('relays a stream to a browser-style reader as JSON lines', async () => {
    const upstream = await serve(async (_request, response) => {
      response.writeHead(200, SSE_HEADERS);
      await drip(response, fixtureFrames('thinking').join(''), { size: 50, delayMs: 0 });
      response.end();
    });
    const relay = await serve(async (_request, response) => {
      const stream = MessageStream.fromResponse(fetch(upstream));
      response.writeHead(200, { 'content-type': 'application/x-ndjson' });
      const reader = stream.toReadableStream().getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) response.write(chunk.value);
      response.end();
    });
    const response = await fetch(relay);
    const stream = MessageStream.fromReadableStream(response.body ?? new ReadableStream());
    const thinking: string[] = [];
    stream.on('thinking', (delta) => thinking.push(delta));
    await expect(stream.finalMessage()).resolves.toEqual(fixtureMessage('thinking'));
    expect(thinking).toHaveLength(2);
  });
});
