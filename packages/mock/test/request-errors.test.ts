// The checks in front of every route: auth, 404, 405, 413, invalid JSON, validation.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { messageBody, postJSON } from './helpers.js';

interface InvalidCase {
  name: string;
  body: unknown;
  path: (string | number)[];
}

// The spec's own list of invalid requests, each with the path its error must name.
const invalidRequests = JSON.parse(
  readFileSync(new URL('../../core/test/fixtures/invalid-requests.json', import.meta.url), 'utf8'),
) as InvalidCase[];

let server: MockServer;
let open: MockServer;

beforeAll(async () => {
  [server, open] = await Promise.all([startMockServer({ port: 0, apiKey: 'sk-test-secret', maxBodyBytes: 4096 }), startMockServer({ port: 0 })]);
});
afterAll(() => Promise.all([server.close(), open.close()]));

async function errorOf(response: Response) {
  const body = await response.json();
  expect(body).toEqual({ type: 'error', error: { type: expect.any(String), message: expect.any(String) }, request_id: response.headers.get('request-id') });
  return body.error as { type: string; message: string };
}

describe('authentication', () => {
  it('accepts x-api-key and Authorization: Bearer', async () => {
    expect((await postJSON(`${server.url}/v1/messages`, messageBody(), { 'x-api-key': 'sk-test-secret' })).status).toBe(200);
    expect((await postJSON(`${server.url}/v1/messages`, messageBody(), { authorization: 'Bearer sk-test-secret' })).status).toBe(200);
  });

  it('answers 401 authentication_error without the key, never echoing what was sent', async () => {
    const missing = await postJSON(`${server.url}/v1/messages`, messageBody());
    expect(missing.status).toBe(401);
    expect(await errorOf(missing)).toEqual({ type: 'authentication_error', message: 'x-api-key header is required' });
    const wrong = await postJSON(`${server.url}/v1/messages`, messageBody(), { 'x-api-key': 'sk-wrong-guess' });
    expect(wrong.status).toBe(401);
    const error = await errorOf(wrong);
    expect(error.message).toBe('invalid x-api-key');
    expect(JSON.stringify(error)).not.toContain('sk-wrong-guess');
  });

  it('leaves /health open', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('routing', () => {
  it('answers 404 not_found_error for an unknown path', async () => {
    const response = await fetch(`${open.url}/v1/complete`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect((await errorOf(response)).type).toBe('not_found_error');
  });

  it('answers 405 with allow for a wrong method', async () => {
    const response = await fetch(`${open.url}/v1/messages`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect((await errorOf(response)).message).toContain('Method GET is not allowed on /v1/messages');
  });

  it('answers 413 request_too_large over the size limit', async () => {
    const big = messageBody('word '.repeat(2000));
    const response = await postJSON(`${server.url}/v1/messages`, big, { 'x-api-key': 'sk-test-secret' });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).type).toBe('request_too_large');
  });

  it('answers 413 for a chunked upload with no content-length', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify(messageBody('word '.repeat(2000))));
    const body = new ReadableStream({ start(controller) { controller.enqueue(bytes); controller.close(); } });
    const response = await fetch(`${server.url}/v1/messages`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('puts a request-id on every response, distinct per request', async () => {
    const ids = await Promise.all([fetch(`${open.url}/health`), fetch(`${open.url}/nope`), postJSON(`${open.url}/v1/messages`, messageBody())].map(async (p) => (await p).headers.get('request-id')));
    expect(ids.every((id) => /^req_[A-Za-z0-9]{24}$/.test(id ?? ''))).toBe(true);
    expect(new Set(ids).size).toBe(3);
  });
});

describe('validation', () => {
  it('answers 400 for a body that is not JSON', async () => {
    const response = await fetch(`${open.url}/v1/messages`, { method: 'POST', body: '{"model": ' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toBe('body: the request body is not valid JSON');
  });

  it.each(invalidRequests.map((c) => [c.name, c] as const))('names the path: %s', async (_name, invalid) => {
    const response = await postJSON(`${open.url}/v1/messages`, invalid.body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.type).toBe('invalid_request_error');
    expect(error.message).toMatch(new RegExp(`^${invalid.path.join('\\.')}[.:]`));
  });

  it('describes the problem in words', async () => {
    const cases: [unknown, string][] = [
      [{ ...messageBody(), model: undefined }, 'model: Field required'],
      [{ ...messageBody(), max_tokens: 'ten' }, 'max_tokens: Input should be a valid number, received string'],
      [{ ...messageBody(), messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages.0.content.0.text: Field required'],
      [{ ...messageBody(), messages: [{ role: 'robot', content: 'x' }] }, "messages.0.role: Input should be 'user', 'assistant' or 'system'"],
      [{ ...messageBody(), messages: [{ role: 'user', content: 5 }] }, 'messages.0.content: Input should be a valid string or array, received number'],
      // A block of an unknown type may be a newer API's (valid-corpus.test.ts); a known one with a wrong field is not.
      [{ ...messageBody(), messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'AAAA' } }] }] }, "messages.0.content.0.source.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'"],
      [{ ...messageBody(), tools: [{ input_schema: { type: 'object' } }] }, 'tools.0.name: Field required'],
      [{ ...messageBody(), messages: [] }, 'messages: Input should have at least 1 item'],
      [{ ...messageBody(), temperature: 3 }, 'temperature: Input should be less than or equal to 1'],
      [{ ...messageBody(), max_tokens: 1024, thinking: { type: 'enabled', budget_tokens: 2048 } }, 'max_tokens: must be greater than thinking.budget_tokens'],
      [{ ...messageBody(), tool_choice: { type: 'any' } }, 'tool_choice: tool_choice may only be specified while providing tools'],
    ];
    for (const [body, message] of cases) {
      const response = await postJSON(`${open.url}/v1/messages`, body);
      expect((await errorOf(response)).message).toBe(message);
    }
  });

  it('validates count_tokens bodies with their own schema', async () => {
    const response = await postJSON(`${open.url}/v1/messages/count_tokens`, { model: 'm' });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toBe('messages: Field required');
  });

  it('accepts and records anthropic-version and anthropic-beta', async () => {
    open.reset();
    const response = await postJSON(`${open.url}/v1/messages`, messageBody(), { 'anthropic-beta': 'prompt-caching-2024-07-31' });
    expect(response.status).toBe(200);
    expect(open.requests[0]?.headers).toMatchObject({ 'anthropic-version': '2023-06-01', 'anthropic-beta': 'prompt-caching-2024-07-31' });
  });
});
