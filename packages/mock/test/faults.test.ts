// Every fault kind, observed on the wire: plain fetch and raw sockets against the server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { eventData, eventNames, fault, messageBody, parseChunked, postJSON, rawExchange, rawPost, readChunks } from './helpers.js';

const decoder = new TextDecoder();
const streamBody = messageBody('Tell me a short story', { stream: true });

let server: MockServer;
let messages: string;

beforeAll(async () => {
  server = await startMockServer({ port: 0 });
  messages = `${server.url}/v1/messages`;
});
beforeEach(() => { server.reset(); });
afterAll(() => server.close());

/** Reads a body until it has `count` complete events; returns the reader and the text so far. */
async function readEvents(body: ReadableStream<Uint8Array> | null, count: number) {
  const reader = body!.getReader();
  let text = '';
  while ((text.match(/\n\n/g) ?? []).length < count) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  return { reader, text };
}

describe('status faults', () => {
  it('answers any status with the given headers and Anthropic error body', async () => {
    const response = await postJSON(messages, messageBody(), fault({ status: 429, headers: { 'retry-after': '3', 'x-extra': 'yes' } }));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(response.headers.get('x-extra')).toBe('yes');
    const body = await response.json();
    expect(body).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: expect.any(String) },
      request_id: response.headers.get('request-id'),
    });
  });

  it('sends a non-JSON body as is (an HTML 502 from a proxy)', async () => {
    const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    const response = await postJSON(messages, messageBody(), fault({ status: 502, body: html }));
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(html);
  });

  it('answers an errorAfterEvents fault on a JSON request with that error status', async () => {
    const response = await postJSON(messages, messageBody(), fault({ errorAfterEvents: 2, errorType: 'rate_limit_error' }));
    expect(response.status).toBe(429);
    expect((await response.json()).error.type).toBe('rate_limit_error');
  });

  it('rejects a malformed fault header, naming the field', async () => {
    const response = await postJSON(messages, messageBody(), fault({ dropAfterEvent: 2 }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/^x-mock-fault\.dropAfterEvent: unknown fault field/);
    const notJson = await postJSON(messages, messageBody(), { 'x-mock-fault': '{oops' });
    expect((await notJson.json()).error.message).toBe('x-mock-fault: header is not valid JSON');
  });
});

describe('stream faults', () => {
  it('sends an error event after N events, then ends', async () => {
    const response = await postJSON(messages, streamBody, fault({ errorAfterEvents: 3, errorType: 'api_error' }));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(eventNames(text)).toEqual(['message_start', 'ping', 'content_block_start', 'error']);
    expect(eventData(text)[3]).toEqual({ type: 'error', error: { type: 'api_error', message: expect.any(String) }, request_id: response.headers.get('request-id') });
  });

  it('drops the connection after N events: the body read rejects', async () => {
    const response = await postJSON(messages, streamBody, fault({ dropAfterEvents: 3 }));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('drops after exactly N events on the wire, without the closing chunk', async () => {
    const { raw } = await rawExchange(server.url, rawPost('/v1/messages', streamBody, fault({ dropAfterEvents: 3 })));
    const { head, body } = parseChunked(raw);
    expect(head).toMatch(/^HTTP\/1\.1 200/);
    expect(eventNames(body)).toEqual(['message_start', 'ping', 'content_block_start']);
    expect(raw.toString('latin1').endsWith('0\r\n\r\n')).toBe(false);
  });

  it('drops a JSON body halfway: the body read rejects', async () => {
    const response = await postJSON(messages, messageBody(), fault({ dropAfterEvents: 1 }));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('drops before any headers: fetch rejects, and the attempt is recorded', async () => {
    await expect(postJSON(messages, messageBody(), fault({ dropBeforeHeaders: true }))).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe('/v1/messages');
  });

  it('stalls after N events until the client gives up', async () => {
    const controller = new AbortController();
    const response = await postJSON(messages, streamBody, fault({ stallAfterEvents: 2 }), controller.signal);
    const { reader, text } = await readEvents(response.body, 2);
    expect(eventNames(text)).toEqual(['message_start', 'ping']);
    const next = reader.read();
    const outcome = await Promise.race([next.then(() => 'data'), new Promise((resolve) => setTimeout(resolve, 150, 'silence'))]);
    expect(outcome).toBe('silence');
    controller.abort();
    await expect(next).rejects.toThrow(/abort/i);
  });

  it('closes a stalled stream when the server closes', async () => {
    const own = await startMockServer({ port: 0 });
    const response = await postJSON(`${own.url}/v1/messages`, streamBody, fault({ stallAfterEvents: 0 }));
    expect(response.status).toBe(200);
    const read = response.text();
    await own.close();
    await expect(read).rejects.toThrow(TypeError);
  });

  it('drips: waits between chunks, so each event arrives on its own', async () => {
    const started = performance.now();
    const response = await postJSON(messages, messageBody('One two', { stream: true, max_tokens: 3 }), fault({ dripMs: 40 }));
    const chunks = (await readChunks(response.body)).map((chunk) => decoder.decode(chunk));
    const elapsed = performance.now() - started;
    expect(chunks.every((chunk) => /^event: \w+\ndata: .+\n\n$/.test(chunk))).toBe(true);
    expect(eventNames(chunks.join('')).at(-1)).toBe('message_stop');
    // A lower bound only: the waits must have happened, however slow the machine is.
    expect(elapsed).toBeGreaterThanOrEqual((chunks.length - 1) * 40 * 0.9);
  });

  it('splits the SSE bytes into 1-byte chunks on the wire', async () => {
    const { raw } = await rawExchange(server.url, rawPost('/v1/messages', streamBody, fault({ chunkSize: 1 })));
    const { sizes, body } = parseChunked(raw);
    expect(sizes.length).toBe(Buffer.byteLength(body));
    expect(sizes.every((size) => size === 1)).toBe(true);
    expect(eventNames(body).at(-1)).toBe('message_stop');
    expect(raw.toString('latin1').endsWith('0\r\n\r\n')).toBe(true);
  });

  it('splits into chunks of a chosen size', async () => {
    const { raw } = await rawExchange(server.url, rawPost('/v1/messages', streamBody, fault({ chunkSize: 7 })));
    const { sizes, body } = parseChunked(raw);
    expect(sizes.slice(0, -1).every((size) => size === 7)).toBe(true);
    expect(sizes.at(-1)).toBeLessThanOrEqual(7);
    expect(eventNames(body)).toContain('message_delta');
  });
});

describe('redirects, latency and scripts', () => {
  it('answers 307 with a location', async () => {
    const response = await fetch(messages, {
      method: 'POST',
      body: JSON.stringify(messageBody()),
      headers: fault({ redirectTo: '/v1/messages/count_tokens' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('/v1/messages/count_tokens');
  });

  it('can be followed: the target answers normally', async () => {
    const response = await postJSON(messages, { model: 'm', messages: [{ role: 'user', content: 'a b c' }] }, fault({ redirectTo: '/v1/messages/count_tokens' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ input_tokens: 3 });
    expect(server.requests.map((request) => request.path)).toEqual(['/v1/messages', '/v1/messages/count_tokens']);
  });

  it('delays every response by the latency', async () => {
    const slow = await startMockServer({ port: 0, latencyMs: 120 });
    const started = performance.now();
    const response = await fetch(`${slow.url}/health`);
    const elapsed = performance.now() - started;
    await slow.close();
    expect(response.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(100);
  });

  it('plays a scripted sequence: two 529s with retry-after 0, then success', async () => {
    const overloaded = { status: 529, headers: { 'retry-after': '0' } };
    const scripted = await startMockServer({ port: 0, faults: [overloaded, overloaded] });
    try {
      const health = await fetch(`${scripted.url}/health`);
      expect(health.status).toBe(200);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await postJSON(`${scripted.url}/v1/messages`, messageBody());
        statuses.push(response.status);
        if (response.status === 529) expect(response.headers.get('retry-after')).toBe('0');
        await response.arrayBuffer();
      }
      expect(statuses).toEqual([529, 529, 200]);
      scripted.reset();
      expect(scripted.requests).toEqual([]);
      expect((await postJSON(`${scripted.url}/v1/messages`, messageBody())).status).toBe(529);
    } finally {
      await scripted.close();
    }
  });

  it('refuses a bad scripted fault up front', async () => {
    await expect(startMockServer({ faults: [{ chunkSize: 0 }] })).rejects.toThrow('faults[0].chunkSize: should be an integer >= 1');
  });
});
