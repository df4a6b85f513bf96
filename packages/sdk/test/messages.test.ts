import { APIUserAbortError, BadRequestError, RequestValidationError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import Parley, { type ContentBlockParam } from '../src/index.js';
import { API_KEY, MODEL, PARAMS, failure, mock } from './helpers.js';

async function setup() {
  const server = await mock();
  return { server, client: new Parley({ apiKey: API_KEY, baseURL: server.url }) };
}

const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Get the current weather',
  input_schema: { type: 'object' as const, properties: { location: { type: 'string' } }, required: ['location'] },
};

describe('messages.create', () => {
  it('returns the message', async () => {
    const { client } = await setup();
    const message = await client.messages.create(PARAMS);
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: MODEL, stop_reason: 'end_turn' });
    expect(message.content[0]?.type).toBe('text');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('gives the response and the request-id with withResponse()', async () => {
    const { client } = await setup();
    const { data, response, requestId } = await client.messages.create(PARAMS).withResponse();
    expect(data.type).toBe('message');
    expect(response.status).toBe(200);
    expect(requestId).toMatch(/^req_/);
    expect(requestId).toBe(response.headers.get('request-id'));
  });

  it('gives the raw response, body unread, with asResponse()', async () => {
    const { client } = await setup();
    const response = await client.messages.create(PARAMS).asResponse();
    expect(response.bodyUsed).toBe(false);
    const body = (await response.json()) as { type: string };
    expect(body.type).toBe('message');
  });

  it('sends the original object, unknown fields included', async () => {
    const { client, server } = await setup();
    const params = { ...PARAMS, temperature: 0.5, future_field: { nested: [1, 2] } };
    await client.messages.create(params as typeof PARAMS);
    expect(server.requests[0]?.body).toEqual(params);
  });

  it('does not refuse a large max_tokens', async () => {
    const { client } = await setup();
    const message = await client.messages.create({ ...PARAMS, max_tokens: 1_000_000 });
    expect(message.stop_reason).toBe('end_turn');
  });

  it('rejects invalid parameters before sending, naming the path and the rule', async () => {
    const { client, server } = await setup();
    const bad = {
      ...PARAMS,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'AAAA' } }] }],
    };
    const error = await failure(client.messages.create(bad as never));
    expect(RequestValidationError.isInstance(error)).toBe(true);
    const validation = error as RequestValidationError;
    expect(validation.path).toEqual(['messages', 0, 'content', 1, 'source', 'media_type']);
    expect(validation.rule).toBe('invalid_value');
    expect(validation.message).toContain('messages[0].content[1].source.media_type');
    expect(server.requests).toHaveLength(0);
  });

  it('skips validation with validate: false, per client or per call', async () => {
    const { client, server } = await setup();
    const bad = { ...PARAMS, max_tokens: -1 };
    const perCall = await failure(client.messages.create(bad, { validate: false }));
    const unvalidated = new Parley({ apiKey: API_KEY, baseURL: server.url, validate: false });
    const perClient = await failure(unvalidated.messages.create(bad));
    expect(BadRequestError.isInstance(perCall)).toBe(true);
    expect(BadRequestError.isInstance(perClient)).toBe(true);
    expect(server.requests.map((r) => (r.body as { max_tokens: number }).max_tokens)).toEqual([-1, -1]);
    const checked = await failure(client.messages.create(bad));
    expect((checked as RequestValidationError).path).toEqual(['max_tokens']);
  });

  it('runs a tool-use round trip', async () => {
    const { client } = await setup();
    const first = await client.messages.create({ ...PARAMS, tools: [WEATHER_TOOL], tool_choice: { type: 'tool', name: 'get_weather' } });
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((block) => block.type === 'tool_use');
    expect(call).toMatchObject({ type: 'tool_use', name: 'get_weather' });
    const second = await client.messages.create({
      ...PARAMS,
      tools: [WEATHER_TOOL],
      messages: [
        ...PARAMS.messages,
        { role: 'assistant' as const, content: first.content as ContentBlockParam[] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: (call as { id: string }).id, content: 'Sunny, 21 C' }] },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content[0]?.type).toBe('text');
  });
});

describe('streaming', () => {
  it('create({ stream: true }) gives an async iterable of events with a controller', async () => {
    const { client, server } = await setup();
    const stream = await client.messages.create({ ...PARAMS, stream: true });
    expect(stream.controller).toBeInstanceOf(AbortController);
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe('message_start');
    expect(types.at(-1)).toBe('message_stop');
    expect(types).toContain('content_block_delta');
    expect((server.requests[0]?.body as { stream: boolean }).stream).toBe(true);
  });

  it('create({ stream: true }).asResponse() gives the SSE response unread', async () => {
    const { client } = await setup();
    const response = await client.messages.create({ ...PARAMS, stream: true }).asResponse();
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(await response.text()).toContain('event: message_stop');
  });

  it('asResponse() leaves the body to the caller, still stoppable by the signal', async () => {
    const server = await mock({ faults: [{ dripMs: 30 }] });
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url });
    const controller = new AbortController();
    const response = await client.messages.create({ ...PARAMS, stream: true }, { signal: controller.signal }).asResponse();
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    controller.abort();
    const error = await failure(
      (async () => {
        for (;;) if ((await reader.read()).done) return;
      })(),
    );
    expect(APIUserAbortError.isInstance(error)).toBe(true);
  });

  it('stream() delivers text deltas that add up to the final message', async () => {
    const { client, server } = await setup();
    const stream = client.messages.stream(PARAMS);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    const nonStreamed = await client.messages.create(PARAMS);
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe((message.content[0] as { text: string }).text);
    expect(message.content).toEqual(nonStreamed.content);
    expect((server.requests[0]?.body as { stream: boolean }).stream).toBe(true);
    expect(stream.requestId).toMatch(/^req_/);
  });

  it('stream() validates first, failing the stream without sending', async () => {
    const { client, server } = await setup();
    const stream = client.messages.stream({ ...PARAMS, messages: [] });
    const error = await failure(stream.finalMessage());
    expect((error as RequestValidationError).path).toEqual(['messages']);
    expect(server.requests).toHaveLength(0);
  });
});

describe('messages.countTokens', () => {
  it('counts the tokens of a request', async () => {
    const { client, server } = await setup();
    const { input_tokens } = await client.messages.countTokens({ model: MODEL, messages: PARAMS.messages, system: 'Be brief.', tools: [WEATHER_TOOL] });
    expect(input_tokens).toBeGreaterThan(0);
    expect(server.requests[0]?.path).toBe('/v1/messages/count_tokens');
  });

  it('validates against the count_tokens schema', async () => {
    const { client, server } = await setup();
    const error = await failure(client.messages.countTokens({ model: '', messages: PARAMS.messages }));
    expect((error as RequestValidationError).path).toEqual(['model']);
    expect(server.requests).toHaveLength(0);
  });
});
