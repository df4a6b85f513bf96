import type { Message, TextBlock } from '@parley/core';
import { APIUserAbortError } from '@parley/errors';
import { MessageStream } from '@parley/streaming';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
// See tool-runner.test.ts for why the client is imported by path.
import { Parley } from '../../sdk/src/index.js';
import { tool, toolRunner } from '../src/index.js';
import { sentBodies, toolResultsOf, useMockServer } from './helpers.js';

const mock = useMockServer();
const client = () => new Parley({ apiKey: 'test', baseURL: mock.server.url, maxRetries: 0 });
const ask = (content: string) => ({ model: 'mock-model', max_tokens: 1024, messages: [{ role: 'user' as const, content }] });

const getWeather = tool({
  name: 'get_weather',
  input: z.object({ location: z.string() }),
  run: ({ location }) => `Rain all day in ${location}`,
});

const textOf = (message: Message) =>
  message.content
    .filter((b): b is TextBlock & { type: 'text' } => b.type === 'text')
    .map((b) => b.text)
    .join('');

describe('toolRunner with stream: true', () => {
  it('yields a MessageStream per turn whose text deltas make up the reply', async () => {
    const runner = toolRunner(client(), { ...ask('Use get_weather for Lima.'), tools: [getWeather], stream: true });
    const turns: { deltas: string[]; message: Message }[] = [];
    for await (const stream of runner) {
      expectTypeOf(stream).toEqualTypeOf<MessageStream>();
      expect(stream).toBeInstanceOf(MessageStream);
      const deltas: string[] = [];
      for await (const text of stream.textStream) deltas.push(text);
      turns.push({ deltas, message: await stream.finalMessage() });
    }

    expect(turns.map((turn) => turn.message.stop_reason)).toEqual(['tool_use', 'end_turn']);
    for (const turn of turns) {
      expect(turn.deltas.length).toBeGreaterThan(1);
      expect(turn.deltas.join('')).toBe(textOf(turn.message));
    }
    const bodies = sentBodies(mock.server);
    expect(bodies.map((body) => body.stream)).toEqual([true, true]);
    const use = turns[0]?.message.content.find((block) => block.type === 'tool_use');
    expect(toolResultsOf(bodies[1]!)).toEqual([
      { type: 'tool_result', tool_use_id: use?.type === 'tool_use' ? use.id : '', content: expect.stringMatching(/^Rain all day in /) },
    ]);
    expect(await runner.done()).toEqual(turns[1]?.message);
    expect(runner.messages.at(-1)).toEqual({ role: 'assistant', content: turns[1]?.message.content });
  });

  it('runs to the end with done() when nobody reads the streams', async () => {
    const runner = toolRunner(client(), { ...ask('Use get_weather for Quito.'), tools: [getWeather], stream: true });
    const final = await runner.done();
    expect(final.stop_reason).toBe('end_turn');
    expect(textOf(final)).toContain('get_weather returned "Rain all day in');
    expect(sentBodies(mock.server)).toHaveLength(2);
  });

  it('stops with APIUserAbortError when aborted in the middle of a streamed turn', async () => {
    const controller = new AbortController();
    // The mock sends a few events, then goes silent until the client gives up.
    const stall = { 'x-mock-fault': JSON.stringify({ stallAfterEvents: 3 }) };
    const runner = toolRunner(
      client(),
      { ...ask('Use get_weather for Bogota.'), tools: [getWeather], stream: true },
      { signal: controller.signal, headers: stall },
    );
    let streams = 0;
    const iteration = (async () => {
      for await (const stream of runner) {
        streams += 1;
        stream.on('streamEvent', () => {
          controller.abort();
        });
      }
    })();
    await expect(iteration).rejects.toBeInstanceOf(APIUserAbortError);
    await expect(runner.done()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(streams).toBe(1);
    expect(sentBodies(mock.server)).toHaveLength(1);
  });
});
