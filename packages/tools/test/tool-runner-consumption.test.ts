import type { Message } from '@parley/core';
import { BadRequestError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
// See tool-runner.test.ts for why the client is imported by path.
import { Parley } from '../../sdk/src/index.js';
import { tool, toolRunner, type ToolRunnerClient } from '../src/index.js';
import { sentBodies, useMockServer } from './helpers.js';

const mock = useMockServer();
const client = () => new Parley({ apiKey: 'test', baseURL: mock.server.url, maxRetries: 0 });
const ask = (content: string) => ({ model: 'mock-model', max_tokens: 1024, messages: [{ role: 'user' as const, content }] });

const getWeather = tool({
  name: 'get_weather',
  input: z.object({ location: z.string() }),
  run: ({ location }) => `Sunny in ${location}`,
});

describe('toolRunner consumption', () => {
  it('sends lazily, shares one loop between done(), finalMessage() and iterations, never sending twice', async () => {
    const runner = toolRunner(client(), { ...ask('Use get_weather for Rome.'), tools: [getWeather] });
    expect(sentBodies(mock.server)).toHaveLength(0);
    const [a, b] = await Promise.all([runner.done(), runner.finalMessage()]);
    expect(a).toBe(b);
    expect(sentBodies(mock.server)).toHaveLength(2);

    const replayed: Message[] = [];
    for await (const message of runner) replayed.push(message);
    expect(replayed.map((message) => message.stop_reason)).toEqual(['tool_use', 'end_turn']);
    expect(replayed[1]).toBe(a);
    expect(sentBodies(mock.server)).toHaveLength(2);
  });

  it('lets two iterations run side by side and see the same turns', async () => {
    const runner = toolRunner(client(), { ...ask('Use get_weather for Oslo.'), tools: [getWeather] });
    const collect = async () => {
      const out: Message[] = [];
      for await (const message of runner) out.push(message);
      return out;
    };
    const [one, two] = await Promise.all([collect(), collect()]);
    expect(one).toHaveLength(2);
    expect(two).toEqual(one);
    expect(two[0]).toBe(one[0]);
    expect(sentBodies(mock.server)).toHaveLength(2);
  });

  it('stops sending when a for-await is left early', async () => {
    let runs = 0;
    const counted = tool({ name: 'counted', input: z.object({}), run: () => String(++runs) });
    const runner = toolRunner(client(), { ...ask('Use counted.'), tools: [counted] });
    for await (const message of runner) {
      expect(message.stop_reason).toBe('tool_use');
      break;
    }
    expect(runs).toBe(0);
    expect(sentBodies(mock.server)).toHaveLength(1);
  });

  it('surfaces an API error to iteration and done() alike', async () => {
    const fault = { 'x-mock-fault': JSON.stringify({ status: 400 }) };
    const runner = toolRunner(client(), { ...ask('Use get_weather.'), tools: [getWeather] }, { headers: fault });
    await expect(runner.done()).rejects.toBeInstanceOf(BadRequestError);
    const iterating = (async () => {
      for await (const _message of runner) expect.unreachable('no turn was produced');
    })();
    await expect(iterating).rejects.toBeInstanceOf(BadRequestError);
    expect(sentBodies(mock.server)).toHaveLength(1);
  });

  it('checks its params before sending anything', () => {
    expect(() => toolRunner(client(), { ...ask('x'), tools: [getWeather, getWeather] })).toThrow(
      'tools[1]: a second tool is named "get_weather"',
    );
    expect(() => toolRunner(client(), { ...ask('x'), tools: [{ name: 'bare' }] as never })).toThrow(
      /tools\[0\]: expected a tool made with tool\(\)/,
    );
    expect(() => toolRunner(client(), { model: 'm', max_tokens: 1, tools: [] } as never)).toThrow(
      'toolRunner: params must be message request parameters with a `messages` array',
    );
    const createOnly: ToolRunnerClient = { messages: { create: () => Promise.reject(new Error('unused')) } };
    expect(() => toolRunner(createOnly, { ...ask('x'), tools: [], stream: true })).toThrow(
      'toolRunner: stream: true needs a client with messages.stream()',
    );
    expect(sentBodies(mock.server)).toHaveLength(0);
  });
});
