// Today's thinking modes (adaptive, between_tools, display omitted) and structured output
// (`output_config.format`), through the handler.
/* eslint-disable @typescript-eslint/no-unsafe-return -- wire JSON is inspected as parsed `any` */
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { createMockHandler } from '../src/index.js';
import { eventData, messageBody, type Json } from './helpers.js';
import { messageFromEvents } from './rebuild-message.js';

const mock = createMockHandler();

async function create(body: unknown): Promise<Json> {
  const response = await mock.handle(new Request('http://mock/v1/messages', { method: 'POST', body: JSON.stringify(body) }));
  expect(response.status).toBe(200);
  return response.headers.get('content-type')?.startsWith('text/event-stream') ? response.text() : response.json();
}

const types = (message: Json): string[] => message.content.map((block: Json) => block.type);
const SEARCH = { type: 'web_search_20250305', name: 'web_search' };
const weather = { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

describe('thinking', () => {
  it('starts with a signed thinking block when adaptive, as when enabled', async () => {
    const adaptive = await create(messageBody('Why?', { thinking: { type: 'adaptive' } }));
    const enabled = await create(messageBody('Why?', { max_tokens: 2048, thinking: { type: 'enabled', budget_tokens: 1024 } }));
    expect(types(adaptive)).toEqual(['thinking', 'text']);
    expect(adaptive.content[0].thinking).toBe(enabled.content[0].thinking);
    expect(adaptive.content[0].signature).toMatch(/^Sig[A-Za-z0-9]{93}$/);
  });

  it('thinks between tool calls when adaptive, and only there with between_tools', async () => {
    const question = 'web_search cats then get_weather';
    const adaptive = await create(messageBody(question, { tools: [SEARCH, weather], thinking: { type: 'adaptive' } }));
    expect(types(adaptive)).toEqual(['thinking', 'text', 'server_tool_use', 'web_search_tool_result', 'thinking', 'tool_use']);
    expect(adaptive.content[4].thinking).toBe('The web_search call is done. Next I will call get_weather.');
    const between = await create(messageBody(question, { tools: [SEARCH, weather], thinking: { type: 'between_tools' } }));
    expect(types(between)).toEqual(['text', 'server_tool_use', 'web_search_tool_result', 'thinking', 'tool_use']);
    const plain = await create(messageBody('Why?', { thinking: { type: 'between_tools' } }));
    expect(types(plain)).toEqual(['text']);
  });

  it('thinks first when tool results come back with between_tools', async () => {
    const first = await create(messageBody('get_weather', { tools: [weather], thinking: { type: 'between_tools' } }));
    const call = first.content.find((block: Json) => block.type === 'tool_use');
    const second = await create({
      ...messageBody(),
      tools: [weather],
      thinking: { type: 'between_tools' },
      messages: [
        { role: 'user', content: 'get_weather' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny' }] },
      ],
    });
    expect(types(second)).toEqual(['thinking', 'text']);
    expect(second.content[0].thinking).toBe('The tool results are back. Next I will write the answer.');
    expect(second.content[1].text).toContain('get_weather returned "Sunny"');
  });

  it('sends only the signature when display is omitted, streamed too', async () => {
    const body = messageBody('Why?', { thinking: { type: 'adaptive', display: 'omitted' } });
    const message = await create(body);
    expect(message.content[0]).toEqual({ type: 'thinking', thinking: '', signature: expect.stringMatching(/^Sig/) });
    const events = eventData(await create({ ...body, stream: true }));
    const deltas = events.filter((event) => event.type === 'content_block_delta' && event.index === 0).map((event) => event.delta);
    expect(deltas).toEqual([{ type: 'signature_delta', signature: message.content[0].signature }]);
    expect(messageFromEvents(events)).toEqual(message);
  });
});

describe('structured output', () => {
  const schema = {
    type: 'object',
    properties: {
      name: { type: 'string' },
      age: { type: 'integer', minimum: 0, maximum: 150 },
      tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1 },
    },
    required: ['name', 'age', 'tags'],
    additionalProperties: false,
  };
  const format = { output_config: { format: { type: 'json_schema', schema } } };

  it('answers with JSON that follows the schema, and nothing else', async () => {
    const message = await create(messageBody('Extract: Ada, 36, tags a', format));
    expect(types(message)).toEqual(['text']);
    expect(message.stop_reason).toBe('end_turn');
    const value: unknown = JSON.parse(message.content[0].text);
    expect(value).toEqual({ name: 'example name', age: 42, tags: ['a'] });
    expect(z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema).safeParse(value).success).toBe(true);
  });

  it('samples any schema, not only objects', async () => {
    const message = await create(messageBody('List', { output_config: { format: { type: 'json_schema', schema: { type: 'array', items: { type: 'number', minimum: 10 } } } } }));
    expect(JSON.parse(message.content[0].text)).toEqual([10]);
  });

  it('still calls tools, without a preamble, and answers in JSON after the server tools', async () => {
    const client = await create(messageBody('get_weather', { ...format, tools: [weather] }));
    expect(types(client)).toEqual(['tool_use']);
    const server = await create(messageBody('web_search cats', { ...format, tools: [SEARCH] }));
    expect(types(server)).toEqual(['server_tool_use', 'web_search_tool_result', 'text']);
    expect(JSON.parse(server.content[2].text)).toEqual({ name: 'example name', age: 42, tags: ['a'] });
  });
});
