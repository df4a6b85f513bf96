import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  countTokens,
  createCoreClient,
  createMessage,
  type CreateMessageParams,
  type ErrorResponse,
  type Message,
  type MessageTokensCount,
} from '../src/index.js';
import {
  BAD_REQUEST_MARKER,
  ERROR_BODY,
  MESSAGE,
  SSE_TEXT,
  TOKEN_COUNT,
  startLocalServer,
  type LocalServer,
  type ReceivedRequest,
} from './local-server.js';

const API_KEY = 'sk-test-local-only';

const params: CreateMessageParams = {
  model: 'claude-sonnet-4-5-20250929',
  max_tokens: 64,
  system: [{ type: 'text', text: 'Answer briefly.', cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: 'What is the weather in Tokyo?' }],
  tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } }],
  tool_choice: { type: 'auto' },
};

const lastRequest = (server: LocalServer): ReceivedRequest => {
  const request = server.requests.at(-1);
  if (!request) throw new Error('the server received no request');
  return request;
};

const readAll = async (stream: ReadableStream<Uint8Array>): Promise<Uint8Array> => {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const bytes = new Uint8Array(parts.reduce((total, part) => total + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
};

let server: LocalServer;
let other: LocalServer;

beforeAll(async () => {
  [server, other] = await Promise.all([startLocalServer(), startLocalServer()]);
});

afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});

describe('createMessage over HTTP', () => {
  it('sends the body and headers, and returns the typed Message', async () => {
    const client = createCoreClient({ baseUrl: server.url, headers: { 'x-api-key': API_KEY } });
    const result = await createMessage({ client, body: params, headers: { 'anthropic-version': '2023-06-01' } });

    expectTypeOf(result.data).toEqualTypeOf<Message | undefined>();
    expect(result.error).toBeUndefined();
    expect(result.data).toEqual(MESSAGE);
    const toolUse = result.data?.content.find((block) => block.type === 'tool_use');
    expect(toolUse?.input).toEqual({ location: 'Tokyo' });
    expect(result.response?.status).toBe(200);
    expect(result.response?.headers.get('request-id')).toBe('req_01LocalServer');

    const received = lastRequest(server);
    expect(received.method).toBe('POST');
    expect(received.url).toBe('/v1/messages');
    expect(JSON.parse(received.body)).toEqual(params);
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.headers['x-api-key']).toBe(API_KEY);
    expect(received.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('returns a 4xx as the parsed error body together with the response', async () => {
    const client = createCoreClient({ baseUrl: server.url, headers: { 'x-api-key': API_KEY } });
    const body: CreateMessageParams = { ...params, messages: [{ role: 'user', content: BAD_REQUEST_MARKER }] };
    const result = await createMessage({ client, body });

    expectTypeOf(result.error).toEqualTypeOf<ErrorResponse | undefined>();
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(ERROR_BODY);
    expect(result.error?.error.type).toBe('invalid_request_error');
    expect(result.response?.status).toBe(400);
    expect(result.response?.headers.get('request-id')).toBe('req_01LocalServer');
    expect(JSON.parse(lastRequest(server).body)).toEqual(body);
  });

  it("with parseAs 'stream' returns the raw body, the SSE bytes exactly as sent", async () => {
    const client = createCoreClient({ baseUrl: server.url, headers: { 'x-api-key': API_KEY } });
    const result = await createMessage({ client, body: { ...params, stream: true }, parseAs: 'stream' });

    expect(result.error).toBeUndefined();
    expect(result.response?.headers.get('content-type')).toBe('text/event-stream');
    // The generated type says Message, but parseAs 'stream' hands back the untouched body.
    const stream = result.data as unknown;
    expect(stream).toBeInstanceOf(ReadableStream);
    const bytes = await readAll(stream as ReadableStream<Uint8Array>);
    expect(bytes).toEqual(new Uint8Array(new TextEncoder().encode(SSE_TEXT)));
    expect(new TextDecoder().decode(bytes)).toBe(SSE_TEXT);
    expect(JSON.parse(lastRequest(server).body)).toMatchObject({ stream: true });
  });
});

describe('countTokens over HTTP', () => {
  it('sends the body to count_tokens and returns the typed count', async () => {
    const client = createCoreClient({ baseUrl: server.url, headers: { 'x-api-key': API_KEY } });
    const body = { model: params.model, messages: params.messages, system: 'Answer briefly.' };
    const result = await countTokens({ client, body, headers: { 'anthropic-version': '2023-06-01' } });

    expectTypeOf(result.data).toEqualTypeOf<MessageTokensCount | undefined>();
    expect(result.data).toEqual(TOKEN_COUNT);
    expect(result.data?.input_tokens).toBe(42);

    const received = lastRequest(server);
    expect(received.method).toBe('POST');
    expect(received.url).toBe('/v1/messages/count_tokens');
    expect(JSON.parse(received.body)).toEqual(body);
    expect(received.headers['x-api-key']).toBe(API_KEY);
    expect(received.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('returns a 4xx as the parsed error body with status 400', async () => {
    const client = createCoreClient({ baseUrl: server.url });
    const result = await countTokens({
      client,
      body: { model: params.model, messages: [{ role: 'user', content: BAD_REQUEST_MARKER }] },
    });
    expect(result.data).toBeUndefined();
    expect(result.error).toEqual(ERROR_BODY);
    expect(result.response?.status).toBe(400);
  });
});

describe('createCoreClient', () => {
  it('builds clients that share no configuration', async () => {
    const first = createCoreClient({ baseUrl: server.url, headers: { 'x-api-key': 'key-first' } });
    const second = createCoreClient({ baseUrl: other.url, headers: { 'x-api-key': 'key-second' } });
    expect(first.getConfig().baseUrl).toBe(server.url);
    expect(second.getConfig().baseUrl).toBe(other.url);

    // Changing one client after the fact must not leak into the other.
    first.setConfig({ headers: { 'x-trace': 'first-only' } });

    const [fromFirst, fromSecond] = await Promise.all([
      createMessage({ client: first, body: params }),
      createMessage({ client: second, body: params }),
    ]);
    expect(fromFirst.data).toEqual(MESSAGE);
    expect(fromSecond.data).toEqual(MESSAGE);

    const atFirst = lastRequest(server);
    const atSecond = lastRequest(other);
    expect(atFirst.headers['x-api-key']).toBe('key-first');
    expect(atFirst.headers['x-trace']).toBe('first-only');
    expect(atSecond.headers['x-api-key']).toBe('key-second');
    expect(atSecond.headers['x-trace']).toBeUndefined();
    expect(other.requests.map((request) => request.headers['x-api-key'])).toEqual(['key-second']);
  });
});
