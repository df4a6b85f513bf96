// The deterministic model, through the handler: replies, usage, limits, tools, thinking.
// Wire JSON is inspected loosely here, as parsed `any`.
/* eslint-disable @typescript-eslint/no-unsafe-return */
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { createMockHandler } from '../src/index.js';
import { eventData, eventNames, messageBody, type Json } from './helpers.js';

const mock = createMockHandler();

async function call(path: string, body: unknown): Promise<Json> {
  const response = await mock.handle(new Request(`http://mock${path}`, { method: 'POST', body: JSON.stringify(body) }));
  return response.headers.get('content-type')?.startsWith('text/event-stream') ? response.text() : response.json();
}

const create = (body: unknown) => call('/v1/messages', body);

const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const time = {
  name: 'get_time',
  description: 'Local time in a city',
  input_schema: { type: 'object', properties: { zone: { type: 'string', enum: ['UTC', 'CET'] } }, required: ['zone'] },
};

describe('text replies', () => {
  it('echoes the last user text in a few sentences', async () => {
    const message = await create(messageBody('alpha beta gamma'));
    expect(message.content).toEqual([
      {
        type: 'text',
        text: 'You said: "alpha beta gamma". That is 3 words and 16 characters; backwards, it reads "gamma beta alpha". This reply comes from the Parley mock server, which answers every request deterministically.',
      },
    ]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBe(message.content[0].text.split(/\s+/).length);
  });

  it('streams in Anthropic event order, with several text deltas', async () => {
    const sse = await create(messageBody('alpha beta gamma', { stream: true }));
    const names = eventNames(sse);
    // message_start, ping, then per block start / deltas / stop, then message_delta, message_stop.
    expect(names.join(' ')).toMatch(/^message_start ping (content_block_start (content_block_delta )+content_block_stop )+message_delta message_stop$/);
    const data = eventData(sse);
    expect(data.map((event) => event.type)).toEqual(names);
    const deltas = data.filter((event) => event.type === 'content_block_delta');
    expect(deltas.length).toBeGreaterThan(3);
    const json = await create(messageBody('alpha beta gamma'));
    expect(deltas.map((event) => event.delta.text).join('')).toBe(json.content[0].text);
    expect(data[0].message).toMatchObject({ id: json.id, content: [], stop_reason: null, usage: { input_tokens: json.usage.input_tokens } });
    expect(data.at(-2)).toEqual({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: json.usage.output_tokens } });
  });

  it('gives the same bytes for the same request, JSON and SSE, and a different id for another', async () => {
    const fresh = createMockHandler();
    const bytes = async (body: unknown) =>
      (await fresh.handle(new Request('http://mock/v1/messages', { method: 'POST', body: JSON.stringify(body) }))).text();
    const json = messageBody('repeat me', { tools: [weather], thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 2000 });
    expect(await bytes(json)).toBe(await bytes(json));
    expect(await bytes({ ...json, stream: true })).toBe(await bytes({ ...json, stream: true }));
    const other = JSON.parse(await bytes(messageBody('something else')));
    expect(other.id).not.toBe(JSON.parse(await bytes(json)).id);
  });
});

describe('usage and count_tokens', () => {
  const inputs = [
    messageBody('one two three'),
    messageBody('hi', { system: 'You are terse and exact.', tools: [weather, time] }),
    {
      ...messageBody(),
      system: [{ type: 'text', text: 'Cached prompt here', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }, { type: 'text', text: 'What is it?' }] },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'Rain' }] }] },
        { role: 'assistant', content: 'Okay.' },
        { role: 'user', content: [{ type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'a b c d' }, title: 'Notes' }] },
      ],
      tools: [weather],
    },
  ];

  it.each(inputs.map((input, i) => [i, input] as const))('count_tokens equals usage.input_tokens (case %i)', async (_i, input) => {
    const { max_tokens: _max, ...countable } = input;
    const counted = await call('/v1/messages/count_tokens', countable);
    const message = await create(input);
    expect(counted.input_tokens).toBeGreaterThan(0);
    expect(counted.input_tokens).toBe(message.usage.input_tokens);
  });

  it('counts whitespace-separated words', async () => {
    expect(await call('/v1/messages/count_tokens', { model: 'm', messages: [{ role: 'user', content: '  one\ttwo\nthree  ' }] })).toEqual({ input_tokens: 3 });
  });
});

describe('limits', () => {
  it('cuts the reply at max_tokens with stop_reason max_tokens', async () => {
    const message = await create(messageBody('alpha beta gamma', { max_tokens: 4 }));
    expect(message.content).toEqual([{ type: 'text', text: 'You said: "alpha beta' }]);
    expect(message).toMatchObject({ stop_reason: 'max_tokens', stop_sequence: null, usage: { output_tokens: 4 } });
  });

  it('stops at the earliest stop sequence and names it', async () => {
    const message = await create(messageBody('one two STOP three', { stop_sequences: ['three', 'STOP'] }));
    expect(message.content).toEqual([{ type: 'text', text: 'You said: "one two ' }]);
    expect(message).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'STOP', usage: { output_tokens: 4 } });
  });

  it('lets max_tokens win when it comes first', async () => {
    const message = await create(messageBody('one two STOP', { stop_sequences: ['STOP'], max_tokens: 2 }));
    expect(message).toMatchObject({ stop_reason: 'max_tokens', content: [{ text: 'You said:' }] });
  });

  it('streams the cut reply with the same stop reason', async () => {
    const data = eventData(await create(messageBody('one two STOP three', { stop_sequences: ['STOP'], stream: true })));
    expect(data.at(-2)).toMatchObject({ delta: { stop_reason: 'stop_sequence', stop_sequence: 'STOP' }, usage: { output_tokens: 4 } });
  });
});

describe('thinking', () => {
  it('starts with a signed thinking block when enabled', async () => {
    const message = await create(messageBody('Why?', { max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 } }));
    expect(message.content.map((block: Json) => block.type)).toEqual(['thinking', 'text']);
    expect(message.content[0].thinking).toContain('The last user turn has 1 word.');
    expect(message.content[0].signature).toMatch(/^Sig[A-Za-z0-9]{93}$/);
  });

  it('streams thinking_delta then signature_delta', async () => {
    const data = eventData(await create(messageBody('Why?', { stream: true, max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 } })));
    const thinking = data.filter((event) => event.index === 0 && event.type === 'content_block_delta').map((event) => event.delta.type);
    expect(thinking.length).toBeGreaterThan(2);
    expect(thinking.at(-1)).toBe('signature_delta');
    expect(thinking.slice(0, -1).every((type: string) => type === 'thinking_delta')).toBe(true);
    expect(data[2]).toEqual({ type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } });
  });

  it('has no thinking block when disabled', async () => {
    const message = await create(messageBody('Why?', { thinking: { type: 'disabled' } }));
    expect(message.content.map((block: Json) => block.type)).toEqual(['text']);
  });
});

describe('tools', () => {
  const tools = [weather, time];

  it('answers in text when tools are offered but not asked for', async () => {
    const message = await create(messageBody('Tell me a joke', { tools }));
    expect(message.stop_reason).toBe('end_turn');
  });

  it('calls every tool the user names, after a short preamble', async () => {
    const message = await create(messageBody('Use get_time and then get_weather please', { tools }));
    expect(message.content.map((block: Json) => block.type)).toEqual(['text', 'tool_use', 'tool_use']);
    expect(message.content.slice(1).map((block: Json) => block.name)).toEqual(['get_time', 'get_weather']);
    expect(message.content[1].id).not.toBe(message.content[2].id);
    expect(message.content[1].input).toEqual({ zone: 'UTC' });
    expect(message.stop_reason).toBe('tool_use');
  });

  it('calls one tool when parallel use is disabled', async () => {
    const message = await create(messageBody('Use get_time and get_weather', { tools, tool_choice: { type: 'auto', disable_parallel_tool_use: true } }));
    expect(message.content.filter((block: Json) => block.type === 'tool_use').map((block: Json) => block.name)).toEqual(['get_time']);
  });

  it('calls a tool when tool_choice is any, without a preamble', async () => {
    const message = await create(messageBody('Hello', { tools, tool_choice: { type: 'any' } }));
    expect(message.content).toEqual([{ type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'get_weather', input: { city: 'example city' } }]);
  });

  it('calls the tool tool_choice names', async () => {
    const message = await create(messageBody('Hello', { tools, tool_choice: { type: 'tool', name: 'get_time' } }));
    expect(message.content.map((block: Json) => block.name)).toEqual(['get_time']);
  });

  it('never calls a tool with tool_choice none', async () => {
    const message = await create(messageBody('Use get_weather', { tools, tool_choice: { type: 'none' } }));
    expect(message.stop_reason).toBe('end_turn');
  });

  it('rejects a tool_choice naming a tool that is not offered', async () => {
    const message = await create(messageBody('x', { tools, tool_choice: { type: 'tool', name: 'nope' } }));
    expect(message.error.message).toBe("tool_choice.name: no tool named 'nope' in tools");
  });

  it('streams tool input as JSON fragments that join into the input', async () => {
    const data = eventData(await create(messageBody('Hello', { tools, tool_choice: { type: 'tool', name: 'get_weather' }, stream: true })));
    const start = data.find((event) => event.type === 'content_block_start');
    expect(start.content_block).toMatchObject({ type: 'tool_use', name: 'get_weather', input: {} });
    const fragments = data.filter((event) => event.delta?.type === 'input_json_delta').map((event) => event.delta.partial_json);
    expect(fragments.length).toBeGreaterThan(2);
    expect(JSON.parse(fragments.join(''))).toEqual({ city: 'example city' });
  });

  it('answers in text once the tool results come back, ending the loop', async () => {
    const first = await create(messageBody('Use get_weather', { tools, tool_choice: { type: 'any' } }));
    const call = first.content.find((block: Json) => block.type === 'tool_use');
    const second = await create({
      ...messageBody(),
      tools,
      tool_choice: { type: 'any' },
      messages: [
        { role: 'user', content: 'Use get_weather' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny', is_error: false }] },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content[0].text).toBe('Here is what I found. get_weather returned "Sunny". That completes the request.');
  });

  it('generates input that satisfies a rich schema', async () => {
    const schema = {
      type: 'object',
      properties: {
        query: { type: 'string', minLength: 3, maxLength: 8 },
        mode: { type: 'string', enum: ['fast', 'slow'] },
        count: { type: 'integer', minimum: 100, maximum: 200, multipleOf: 7 },
        ratio: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
        strict: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string', maxLength: 4 }, minItems: 2, maxItems: 3 },
        owner: {
          type: 'object',
          properties: { id: { type: 'string', format: 'uuid' }, level: { type: 'integer', exclusiveMaximum: 0 } },
          required: ['id', 'level'],
          additionalProperties: false,
        },
        when: { type: 'string', format: 'date-time' },
        nullable: { anyOf: [{ type: 'null' }, { type: 'number', maximum: -5 }] },
      },
      required: ['query', 'mode', 'count', 'ratio', 'strict', 'tags', 'owner'],
      additionalProperties: false,
    };
    const message = await create(messageBody('Hi', { tools: [{ name: 'search', input_schema: schema }], tool_choice: { type: 'any' } }));
    const input = message.content[0].input;
    const result = z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema).safeParse(input);
    expect(result.error?.issues).toBeUndefined();
    expect(input.count % 7).toBe(0);
  });
});
