// The runner toolRunner returns loads its loop on first use (see src/load-loop.ts):
// what it promises before that load and while it is under way.
import type { Message } from '@parley/core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
// See tool-runner.test.ts for why the client is imported by path.
import { Parley } from '../../sdk/src/index.js';
import { tool, toolRunner } from '../src/index.js';
import { sentBodies, useMockServer } from './helpers.js';

const mock = useMockServer();
const client = () => new Parley({ apiKey: 'test', baseURL: mock.server.url, maxRetries: 0 });
const ask = (content: string) => ({ model: 'mock-model', max_tokens: 1024, messages: [{ role: 'user' as const, content }] });

const getWeather = tool({
  name: 'get_weather',
  input: z.object({ location: z.string() }),
  run: ({ location }) => `Sunny in ${location}`,
});

describe('toolRunner before and while its loop loads', () => {
  it('reads params and messages at once: the given ones, with a copy of the messages that the loop then extends', async () => {
    const params = { ...ask('Use get_weather for Nairobi.'), tools: [getWeather], max_iterations: 3 };
    const runner = toolRunner(client(), params);

    const before = runner.messages;
    expect(before).toEqual(params.messages);
    expect(before).not.toBe(params.messages);
    expect(runner.params).toEqual(params);
    expect(runner.params.messages).not.toBe(before);
    expect(runner.params.tools).toBe(params.tools);
    params.messages.push({ role: 'user', content: 'added by the caller afterwards' });
    expect(runner.messages).toHaveLength(1);
    expect(sentBodies(mock.server)).toHaveLength(0);

    const final = await runner.done();
    // The array read before the load is the conversation the loop appended to.
    expect(runner.messages).toBe(before);
    expect(before.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(before.at(-1)).toEqual({ role: 'assistant', content: final.content });
    expect(runner.params.messages).toEqual(before);
    expect(sentBodies(mock.server)[0]?.messages).toEqual([params.messages[0]]);
  });

  it('shares one load and one loop between uses made before it loaded', async () => {
    const runner = toolRunner(client(), { ...ask('Use get_weather for Lisbon.'), tools: [getWeather] });
    const steps = runner[Symbol.asyncIterator]();
    const other = runner[Symbol.asyncIterator]();
    // None of these waits for another: all start before the loop has loaded.
    const [first, second, third, otherFirst, final] = await Promise.all([
      steps.next(),
      steps.next(),
      steps.next(),
      other.next(),
      runner.done(),
    ]);

    expect(first.done).toBe(false);
    expect(second.done).toBe(false);
    expect((first.value as Message).stop_reason).toBe('tool_use');
    expect((second.value as Message).stop_reason).toBe('end_turn');
    expect(third).toEqual({ done: true, value: undefined });
    expect(otherFirst.value).toBe(first.value);
    expect(final).toBe(second.value);
    expect(sentBodies(mock.server)).toHaveLength(2);
  });

  it('gives calls of next() made without waiting the turns in order once loaded, too', async () => {
    const runner = toolRunner(client(), { ...ask('Use get_weather for Dakar.'), tools: [getWeather] });
    for await (const _message of runner) break;
    expect(sentBodies(mock.server)).toHaveLength(1);

    // The loop has loaded and produced one turn; the second is asked for twice over here.
    const steps = runner[Symbol.asyncIterator]();
    const results = await Promise.all([steps.next(), steps.next(), steps.next()]);
    expect(results.map((result) => (result.done === true ? 'done' : result.value.stop_reason))).toEqual([
      'tool_use',
      'end_turn',
      'done',
    ]);
    expect(sentBodies(mock.server)).toHaveLength(2);
  });

  it('ends an iteration left before its first turn without loading or sending, and still runs later', async () => {
    const runner = toolRunner(client(), { ...ask('Use get_weather for Hanoi.'), tools: [getWeather] });
    const steps = runner[Symbol.asyncIterator]();
    expect(await steps.return?.()).toEqual({ done: true, value: undefined });
    expect(await steps.next()).toEqual({ done: true, value: undefined });
    expect(sentBodies(mock.server)).toHaveLength(0);

    const turns: Message[] = [];
    for await (const message of runner) turns.push(message);
    expect(turns.map((message) => message.stop_reason)).toEqual(['tool_use', 'end_turn']);
    expect(sentBodies(mock.server)).toHaveLength(2);
  });
});
