// createMockFetch: the same mock in-process, with faults shaped like undici's fetch.
import { describe, expect, it } from 'vitest';
import { createMockFetch, createMockHandler } from '../src/index.js';
import { eventNames, fault, messageBody, readChunks } from './helpers.js';

const BASE = 'http://mock.local';
const decoder = new TextDecoder();

function post(mockFetch: typeof fetch, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return mockFetch(`${BASE}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

describe('createMockFetch', () => {
  it('answers in-process and records the request with its headers', async () => {
    const mockFetch = createMockFetch();
    const response = await post(mockFetch, messageBody('Hi there'), { 'anthropic-version': '2023-06-01', 'anthropic-beta': 'x-2025' });
    expect(response.status).toBe(200);
    expect((await response.json()).content[0].text).toContain('You said: "Hi there"');
    expect(mockFetch.requests).toEqual([
      {
        method: 'POST',
        path: '/v1/messages',
        headers: expect.objectContaining({ 'anthropic-version': '2023-06-01', 'anthropic-beta': 'x-2025' }),
        body: messageBody('Hi there'),
        bytes: JSON.stringify(messageBody('Hi there')).length,
      },
    ]);
  });

  it('gives the same bytes as the handler', async () => {
    const mockFetch = createMockFetch();
    const handler = createMockHandler();
    const viaFetch = await (await post(mockFetch, messageBody('same', { stream: true }))).text();
    const viaHandler = await (
      await handler.handle(new Request(`${BASE}/v1/messages`, { method: 'POST', body: JSON.stringify(messageBody('same', { stream: true })) }))
    ).text();
    expect(viaFetch).toBe(viaHandler);
  });

  it('rejects with a TypeError when the connection drops before headers', async () => {
    const mockFetch = createMockFetch();
    const error = await post(mockFetch, messageBody(), fault({ dropBeforeHeaders: true })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect(mockFetch.requests).toHaveLength(1);
  });

  it('errors the body stream after N events on a drop', async () => {
    const mockFetch = createMockFetch();
    const response = await post(mockFetch, messageBody('x', { stream: true }), fault({ dropAfterEvents: 2 }));
    const reader = response.body!.getReader();
    const first = await reader.read();
    const second = await reader.read();
    expect(eventNames(decoder.decode(first.value) + decoder.decode(second.value))).toEqual(['message_start', 'ping']);
    await expect(reader.read()).rejects.toThrow(new TypeError('terminated'));
  });

  it('keeps a stalled body open until the signal aborts', async () => {
    const mockFetch = createMockFetch();
    const controller = new AbortController();
    const response = await post(mockFetch, messageBody('x', { stream: true }), fault({ stallAfterEvents: 1 }), controller.signal);
    const reader = response.body!.getReader();
    expect(eventNames(decoder.decode((await reader.read()).value))).toEqual(['message_start']);
    const pending = reader.read();
    const outcome = await Promise.race([pending.then(() => 'data'), new Promise((resolve) => setTimeout(resolve, 100, 'silence'))]);
    expect(outcome).toBe('silence');
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects with the abort reason during latency', async () => {
    const mockFetch = createMockFetch({ latencyMs: 10_000 });
    const controller = new AbortController();
    const request = post(mockFetch, messageBody(), {}, controller.signal);
    controller.abort();
    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('delivers exactly one chunk per byte with chunkSize 1', async () => {
    const mockFetch = createMockFetch();
    const response = await post(mockFetch, messageBody('One', { stream: true }), fault({ chunkSize: 1 }));
    const chunks = await readChunks(response.body);
    const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    expect(chunks.every((chunk) => chunk.length === 1)).toBe(true);
    expect(chunks.length).toBe(total);
    expect(eventNames(decoder.decode(Buffer.concat(chunks))).at(-1)).toBe('message_stop');
  });

  it('follows a same-origin redirect, sending the body again', async () => {
    const mockFetch = createMockFetch();
    const response = await post(mockFetch, { model: 'm', messages: [{ role: 'user', content: 'one two' }] }, fault({ redirectTo: '/v1/messages/count_tokens' }));
    expect(await response.json()).toEqual({ input_tokens: 2 });
    expect(mockFetch.requests.map((request) => [request.method, request.path])).toEqual([
      ['POST', '/v1/messages'],
      ['POST', '/v1/messages/count_tokens'],
    ]);
  });

  it('returns a redirect to another origin as is', async () => {
    const mockFetch = createMockFetch();
    const response = await post(mockFetch, messageBody(), fault({ redirectTo: 'https://elsewhere.example/v1/messages' }));
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('https://elsewhere.example/v1/messages');
  });
});
