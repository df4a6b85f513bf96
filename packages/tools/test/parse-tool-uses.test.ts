import type { Message } from '@parley/core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseToolUses, tool, type StandardSchemaV1 } from '../src/index.js';

const getWeather = tool({
  name: 'get_weather',
  description: 'Weather in a city',
  input: z.object({ location: z.string(), days: z.array(z.number().max(7)).optional() }),
  run: ({ location }) => `Sunny in ${location}`,
});

const getTime = tool({
  name: 'get_time',
  input: { type: 'object', properties: { zone: { type: 'string' } } },
  run: () => '12:00',
});

function reply(content: unknown[]): Message {
  return {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'mock',
    content: content as Message['content'],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  };
}

describe('parseToolUses', () => {
  it('matches each tool_use with its tool in block order, skipping other blocks', async () => {
    const message = reply([
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: 'toolu_1', name: 'get_time', input: { zone: 'CET' } },
      { type: 'some_future_block', payload: 1 },
      { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { location: 'Paris', days: [1, 2] } },
    ]);
    const uses = await parseToolUses(message, [getWeather, getTime]);
    expect(uses.map((use) => [use.status, use.id, use.name])).toEqual([
      ['valid', 'toolu_1', 'get_time'],
      ['valid', 'toolu_2', 'get_weather'],
    ]);
    const weather = uses[1]!;
    expect(weather.tool).toBe(getWeather);
    expect(weather.block).toBe(message.content[3]);
    if (weather.status === 'valid' && weather.name === 'get_weather') {
      expect(weather.input).toEqual({ location: 'Paris', days: [1, 2] });
    } else {
      expect.unreachable('the weather call is valid');
    }
  });

  it('reports rejected input with the issues and a message the model can act on', async () => {
    const message = reply([{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { location: 3, days: [1, 9] } }]);
    const [use] = await parseToolUses(message, [getWeather]);
    expect(use?.status).toBe('invalid');
    if (use?.status !== 'invalid') return;
    expect(use.issues.map((issue) => issue.path)).toEqual([['location'], ['days', 1]]);
    expect(use.error).toBe(
      'Invalid input for get_weather: location: Invalid input: expected string, received number; ' +
        'days[1]: Too big: expected number to be <=7',
    );
  });

  it('reports a tool name that is not in the list, naming the tools that exist', async () => {
    const message = reply([{ type: 'tool_use', id: 'toolu_9', name: 'launch_rocket', input: {} }]);
    expect(await parseToolUses(message, [getWeather, getTime])).toEqual([
      {
        status: 'unknown_tool',
        id: 'toolu_9',
        name: 'launch_rocket',
        block: message.content[0],
        tool: undefined,
        error: 'Unknown tool "launch_rocket". Available tools: get_weather, get_time.',
      },
    ]);
    const [none] = await parseToolUses(message, []);
    expect(none?.status === 'unknown_tool' && none.error).toBe('Unknown tool "launch_rocket". Available tools: none.');
  });

  it('waits for async validators and turns a throwing validator into issues', async () => {
    const slow: StandardSchemaV1<unknown, { ok: true }> = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: async (value) => {
          await Promise.resolve();
          return (value as { ok?: unknown }).ok === true ? { value: { ok: true } } : { issues: [{ message: 'not ok', path: [{ key: 'ok' }] }] };
        },
        jsonSchema: { input: () => ({ type: 'object' }) },
      },
    };
    const broken: StandardSchemaV1 = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: () => {
          throw new Error('validator bug');
        },
        jsonSchema: { input: () => ({ type: 'object' }) },
      },
    };
    const tools = [tool({ name: 'slow', input: slow, run: () => 'x' }), tool({ name: 'broken', input: broken, run: () => 'x' })];
    const uses = await parseToolUses(
      reply([
        { type: 'tool_use', id: 'a', name: 'slow', input: { ok: true } },
        { type: 'tool_use', id: 'b', name: 'slow', input: { ok: false } },
        { type: 'tool_use', id: 'c', name: 'broken', input: {} },
      ]),
      tools,
    );
    expect(uses.map((use) => (use.status === 'valid' ? use.input : use.error))).toEqual([
      { ok: true },
      'Invalid input for slow: ok: not ok',
      'Invalid input for broken: the validator threw: validator bug',
    ]);
  });

  it('throws for a tools list that is not made of tools or has two tools with one name', async () => {
    const message = reply([]);
    await expect(parseToolUses(message, [getWeather, { name: 'x' } as never])).rejects.toThrow(
      'tools[1]: expected a tool made with tool() (with definition, validate and run)',
    );
    await expect(parseToolUses(message, [getWeather, getWeather])).rejects.toThrow(
      'tools[1]: a second tool is named "get_weather"',
    );
  });
});
