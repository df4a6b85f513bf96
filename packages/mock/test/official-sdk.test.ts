// The official @anthropic-ai/sdk, an independent client, against the mock over real
// HTTP: if it parses every reply, the mock speaks the real wire format.
import Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsNonStreaming, TextCitation } from '@anthropic-ai/sdk/resources/messages/messages';
import * as z from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { fault, MODEL } from './helpers.js';

const weatherTool = {
  name: 'get_weather',
  description: 'Get the current weather in a city',
  input_schema: {
    type: 'object' as const,
    properties: {
      city: { type: 'string', maxLength: 40 },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      days: { type: 'integer', minimum: 1, maximum: 7 },
    },
    required: ['city', 'unit'],
    additionalProperties: false,
  },
};

let server: MockServer;
let client: Anthropic;

beforeAll(async () => {
  server = await startMockServer({ port: 0, apiKey: 'test-key' });
  client = new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());

describe('the official SDK against the mock', () => {
  const params = { model: MODEL, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Hello, Claude!' }] };

  it('creates a message', async () => {
    const message = await client.messages.create(params);
    expect(message).toMatchObject({ type: 'message', role: 'assistant', model: MODEL, stop_reason: 'end_turn', stop_sequence: null });
    expect(message.id).toMatch(/^msg_[A-Za-z0-9]{24}$/);
    const block = message.content[0];
    expect(block?.type).toBe('text');
    expect(block?.type === 'text' && block.text).toContain('You said: "Hello, Claude!"');
    expect(message.usage.output_tokens).toBeGreaterThan(10);
  });

  it('streams the same message, text delta by text delta', async () => {
    const expected = await client.messages.create(params);
    const stream = client.messages.stream(params);
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const final = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(expected.content[0]?.type === 'text' ? expected.content[0].text : '');
    // The SDK adds its own fields (parsed_output, ...); every field of the JSON reply must match.
    expect(final).toMatchObject(expected);
    expect(stream.request_id).toMatch(/^req_/);
  });

  it('counts tokens exactly as usage reports them', async () => {
    const counted = await client.messages.countTokens({ model: MODEL, messages: params.messages, tools: [weatherTool] });
    const message = await client.messages.create({ ...params, tools: [weatherTool] });
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(counted.input_tokens).toBe(message.usage.input_tokens);
  });

  it('runs a tool-use turn to a final answer', async () => {
    const question = { role: 'user' as const, content: 'What is the weather in Paris? Use get_weather.' };
    const first = await client.messages.create({ ...params, messages: [question], tools: [weatherTool] });
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((block) => block.type === 'tool_use');
    if (call?.type !== 'tool_use') throw new Error('expected a tool_use block');
    expect(call.name).toBe('get_weather');
    const schema = z.fromJSONSchema(weatherTool.input_schema as z.core.JSONSchema.JSONSchema);
    expect(schema.safeParse(call.input).success).toBe(true);

    const second = await client.messages.create({
      ...params,
      tools: [weatherTool],
      messages: [
        question,
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny, 21 degrees' }] },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content[0]?.type === 'text' && second.content[0].text).toContain('get_weather returned "Sunny, 21 degrees"');
  });

  it('streams thinking with its signature', async () => {
    const stream = client.messages.stream({ ...params, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 } });
    const signatures: string[] = [];
    stream.on('signature', (signature) => signatures.push(signature));
    const final = await stream.finalMessage();
    const thinking = final.content[0];
    expect(thinking?.type).toBe('thinking');
    expect(thinking?.type === 'thinking' && thinking.signature).toBe(signatures[0]);
    expect(signatures[0]).toMatch(/^Sig[A-Za-z0-9]+$/);
    expect(final.content[1]?.type).toBe('text');
  });

  it('pages through the models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 3 })) ids.push(model.id);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    expect(ids[0]).toBe('claude-opus-4-5-20251101');
    const one = await client.models.retrieve('claude-sonnet-4-5');
    expect(one.id).toBe('claude-sonnet-4-5-20250929');
  });

  it('surfaces a 400 as BadRequestError', async () => {
    const error = await client.messages.create({ ...params, max_tokens: -1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    const apiError = error as InstanceType<typeof Anthropic.BadRequestError>;
    expect(apiError.status).toBe(400);
    expect(apiError.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    expect(apiError.message).toContain('max_tokens: Input should be greater than or equal to 0');
    expect(apiError.requestID).toMatch(/^req_/);
  });

  it('surfaces a 529 as an APIError with status 529', async () => {
    const error = await client.messages.create(params, { headers: fault({ status: 529, headers: { 'retry-after': '0' } }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    const apiError = error as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.status).toBe(529);
    expect(apiError.headers?.get('retry-after')).toBe('0');
    expect(apiError.error).toMatchObject({ error: { type: 'overloaded_error' } });
  });

  it('surfaces a mid-stream error event', async () => {
    const stream = client.messages.stream(params, { headers: fault({ errorAfterEvents: 4 }) });
    const error = await stream.finalMessage().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({ error: { type: 'overloaded_error' } });
  });

  it('is refused without the key', async () => {
    const anonymous = new Anthropic({ apiKey: 'wrong-key', baseURL: server.url, maxRetries: 0 });
    const error = await anonymous.messages.create(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((error as Error).message).not.toContain('wrong-key');
  });
});

describe('the official SDK reads server tool replies', () => {
  const ask = (content: string) => [{ role: 'user' as const, content }];
  const scenarios: [string, MessageCreateParamsNonStreaming][] = [
    ['web search', { model: MODEL, max_tokens: 1024, messages: ask('Use web_search to find the tallest building in Paris.'), tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }] }],
    ['two searches past max_uses', { model: MODEL, max_tokens: 1024, messages: ask('web_search cats, then web_search dogs.'), tools: [{ type: 'web_search_20260209', name: 'web_search', max_uses: 1 }] }],
    ['web fetch', { model: MODEL, max_tokens: 1024, messages: ask('web_fetch https://docs.example.com/guide'), tools: [{ type: 'web_fetch_20250910', name: 'web_fetch', citations: { enabled: true } }] }],
    ['python', { model: MODEL, max_tokens: 1024, messages: ask('code_execution: hello world'), tools: [{ type: 'code_execution_20250522', name: 'code_execution' }] }],
    ['bash, with thinking between tools', { model: MODEL, max_tokens: 1024, thinking: { type: 'between_tools' }, messages: ask('code_execution: hello world'), tools: [{ type: 'code_execution_20250825', name: 'code_execution' }] }],
    ['pause_turn, adaptive thinking', { model: MODEL, max_tokens: 1024, thinking: { type: 'adaptive' }, messages: ask('web_search cats. Pause.'), tools: [{ type: 'web_search_20250305', name: 'web_search' }] }],
    [
      'structured output after a search',
      {
        model: MODEL,
        max_tokens: 1024,
        messages: ask('web_search cats'),
        tools: [{ type: 'web_search_20250305', name: 'web_search' }],
        output_config: { format: { type: 'json_schema', schema: { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false } } },
      },
    ],
  ];

  const scenario = (name: string): MessageCreateParamsNonStreaming => {
    const found = scenarios.find(([candidate]) => candidate.startsWith(name));
    if (!found) throw new Error(`no scenario '${name}'`);
    return found[1];
  };

  it.each(scenarios)('creates and streams the same message (%s)', async (_name, request) => {
    const created = await client.messages.create(request);
    const stream = client.messages.stream(request);
    const citations: TextCitation[] = [];
    stream.on('citation', (citation) => citations.push(citation));
    const final = await stream.finalMessage();
    // The SDK adds its own fields (parsed_output, ...); every field of the JSON reply must match.
    expect(final).toMatchObject(created);
    expect(final.content).toEqual(created.content);
    expect(final.usage).toEqual(created.usage);
    expect(citations).toEqual(created.content.flatMap((block) => (block.type === 'text' ? (block.citations ?? []) : [])));
  });

  it('gives typed server tool blocks a program can read', async () => {
    const message = await client.messages.create(scenario('web search'));
    const use = message.content.find((block) => block.type === 'server_tool_use');
    const result = message.content.find((block) => block.type === 'web_search_tool_result');
    const answer = message.content.at(-1);
    if (use?.type !== 'server_tool_use' || result?.type !== 'web_search_tool_result' || answer?.type !== 'text') throw new Error('expected a search and a cited answer');
    expect(use.input).toEqual({ query: 'the tallest building in Paris' });
    expect(result.tool_use_id).toBe(use.id);
    if (!Array.isArray(result.content)) throw new Error('expected search results');
    expect(answer.citations?.map((citation) => (citation.type === 'web_search_result_location' ? citation.url : ''))).toEqual(result.content.map((page) => page.url));
    expect(message.usage.server_tool_use?.web_search_requests).toBe(1);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('continues a paused turn sent back as it is', async () => {
    const request = scenario('pause_turn');
    const paused = await client.messages.create(request);
    expect(paused.stop_reason).toBe('pause_turn');
    const resumed = await client.messages.stream({ ...request, messages: [...request.messages, { role: 'assistant', content: paused.content }] }).finalMessage();
    expect(resumed.stop_reason).toBe('end_turn');
    expect(resumed.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(resumed.content[1]?.type === 'text' && resumed.content[1].citations?.length).toBeGreaterThanOrEqual(2);
  });

  it('reports the container code ran in', async () => {
    const request = scenario('python');
    const message = await client.messages.stream(request).finalMessage();
    expect(message.container?.id).toMatch(/^container_/);
    expect(message.container?.expires_at).toBe('2099-12-31T23:59:59Z');
  });
});
