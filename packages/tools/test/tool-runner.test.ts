import type { Message, TextBlock, ToolUseBlock } from '@parley/core';
import { APIUserAbortError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
// @parley/sdk depends on this package, so it cannot be a dependency here: the test
// reaches the client's source directly (vitest and tsc both resolve this path).
import { Parley } from '../../sdk/src/index.js';
import { tool, toolRunner, type StandardSchemaV1, type ToolRunnerClient } from '../src/index.js';
import { latch, sentBodies, toolResultsOf, useMockServer } from './helpers.js';

const mock = useMockServer();
const client = () => new Parley({ apiKey: 'test', baseURL: mock.server.url, maxRetries: 0 });
const ask = (content: string) => ({
  model: 'mock-model',
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content }],
});

const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';

const getWeather = tool({
  name: 'get_weather',
  description: 'The current weather in a city',
  input: z.object({ location: z.string().describe('City name'), unit: z.enum(['celsius', 'fahrenheit']).optional() }),
  run: ({ location, unit }) => `Sunny, 21 ${unit ?? 'celsius'} in ${location}`,
});

const getMap = tool({
  name: 'get_map',
  description: 'A map of a place',
  input: z.object({ place: z.string() }),
  run: async ({ place }) => [
    { type: 'text' as const, text: `Map of ${place}` },
    { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: PIXEL } },
  ],
});

const toolUses = (message: Message) => message.content.filter((b): b is ToolUseBlock & { type: 'tool_use' } => b.type === 'tool_use');
const textOf = (message: Message) =>
  message.content
    .filter((b): b is TextBlock & { type: 'text' } => b.type === 'text')
    .map((b) => b.text)
    .join('');

describe('toolRunner against the mock server', () => {
  it('runs a two-tool conversation to completion, results in tool_use order in one user turn', async () => {
    const params = { ...ask('Please use get_weather and get_map for Paris.'), tools: [getWeather, getMap] };
    const runner = toolRunner(client(), params);
    const turns: Message[] = [];
    for await (const message of runner) turns.push(message);

    expect(turns.map((turn) => turn.stop_reason)).toEqual(['tool_use', 'end_turn']);
    const [first, last] = turns as [Message, Message];
    const [weatherUse, mapUse] = toolUses(first) as [ToolUseBlock, ToolUseBlock];
    expect([weatherUse.name, mapUse.name]).toEqual(['get_weather', 'get_map']);

    const bodies = sentBodies(mock.server);
    expect(bodies).toHaveLength(2);
    for (const body of bodies) {
      expect(body.tools).toEqual([getWeather.definition, getMap.definition]);
      expect(body).not.toHaveProperty('max_iterations');
      expect(body).not.toHaveProperty('stream');
    }
    const weatherInput = weatherUse.input as { location: string; unit?: 'celsius' | 'fahrenheit' };
    const mapInput = mapUse.input as { place: string };
    expect(bodies[1]?.messages).toEqual([
      params.messages[0],
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: weatherUse.id, content: getWeather.run(weatherInput, {} as never) },
          {
            type: 'tool_result',
            tool_use_id: mapUse.id,
            content: [
              { type: 'text', text: `Map of ${mapInput.place}` },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } },
            ],
          },
        ],
      },
    ]);
    expect(textOf(last)).toContain(`get_weather returned "Sunny, 21 ${weatherInput.unit ?? 'celsius'} in ${weatherInput.location}"`);
    expect(textOf(last)).toContain(`get_map returned "Map of ${mapInput.place}"`);

    expect(runner.messages).toEqual([...(bodies[1]?.messages ?? []), { role: 'assistant', content: last.content }]);
    expect(runner.params.messages).toEqual(runner.messages);
    expect(runner.params.tools).toEqual([getWeather, getMap]);
    expect(await runner.done()).toBe(last);
    expect(sentBodies(mock.server)).toHaveLength(2);
  });

  it('runs the calls of one reply concurrently', async () => {
    const gate = latch(2);
    const controller = new AbortController();
    const waiting = (name: string) =>
      tool({
        name,
        input: z.object({ id: z.string() }),
        run: async (_input, { signal }) => {
          await gate.arrive(signal);
          return `${name} done`;
        },
      });
    const runner = toolRunner(
      client(),
      { ...ask('Call first_tool and second_tool.'), tools: [waiting('first_tool'), waiting('second_tool')] },
      { signal: controller.signal },
    );
    // Run one after the other, the first tool would wait forever for the second.
    const final = await runner.done();
    expect(gate.arrived).toBe(2);
    expect(final.stop_reason).toBe('end_turn');
    expect(toolResultsOf(sentBodies(mock.server)[1]!).map((result) => result.content)).toEqual([
      'first_tool done',
      'second_tool done',
    ]);
  });

  it('answers invalid input, a rejecting validator and a throwing tool with is_error results, and goes on', async () => {
    let cityRuns = 0;
    // Stricter than the JSON Schema sent: the refinement is not expressible there.
    const lookupCity = tool({
      name: 'lookup_city',
      input: z.object({ city: z.string().refine((city) => /^[A-Z]/.test(city), 'must start with a capital letter') }),
      run: () => String(++cityRuns),
    });
    const noCodes: StandardSchemaV1<unknown, { code: string }> = {
      '~standard': {
        version: 1,
        vendor: 'hand-written',
        validate: (value) => ({ issues: [{ message: `unknown code ${JSON.stringify((value as { code?: unknown }).code)}`, path: [{ key: 'code' }] }] }),
        jsonSchema: { input: () => ({ type: 'object', properties: { code: { type: 'string' } }, required: ['code'] }) },
      },
    };
    const checkCode = tool({ name: 'check_code', input: noCodes, run: () => 'never' });
    const flaky = tool({
      name: 'flaky',
      input: z.object({}),
      run: () => {
        throw new Error('backend unavailable');
      },
    });
    const runner = toolRunner(client(), {
      ...ask('Use lookup_city, check_code and flaky.'),
      tools: [lookupCity, checkCode, flaky],
    });
    const final = await runner.finalMessage();

    expect(final.stop_reason).toBe('end_turn');
    expect(cityRuns).toBe(0);
    // The first reply, as the runner appended it to the conversation.
    const uses = (runner.messages[1]?.content as { type: string }[]).filter(
      (block): block is ToolUseBlock => block.type === 'tool_use',
    );
    expect(uses.map((use) => use.name)).toEqual(['lookup_city', 'check_code', 'flaky']);
    const inputs = uses.map((use) => use.input as Record<string, string>);
    expect(toolResultsOf(sentBodies(mock.server)[1]!)).toEqual([
      {
        type: 'tool_result',
        tool_use_id: uses[0]?.id,
        content: 'Invalid input for lookup_city: city: must start with a capital letter',
        is_error: true,
      },
      {
        type: 'tool_result',
        tool_use_id: uses[1]?.id,
        content: `Invalid input for check_code: code: unknown code ${JSON.stringify(inputs[1]?.code)}`,
        is_error: true,
      },
      { type: 'tool_result', tool_use_id: uses[2]?.id, content: 'flaky failed: backend unavailable', is_error: true },
    ]);
    expect(textOf(final)).toContain('lookup_city failed with "Invalid input for lookup_city');
  });

  it('answers a tool the model invented with an is_error result naming the real tools', async () => {
    const parley = client();
    // A client that offers the model one tool more than the runner has, as a model
    // inventing a tool name would.
    const inventing: ToolRunnerClient = {
      messages: {
        create: ({ stream: _stream, ...params }, options) =>
          parley.messages.create(
            { ...params, tools: [...(params.tools ?? []), { name: 'launch_rocket', input_schema: { type: 'object' } }] },
            options,
          ),
      },
    };
    const final = await toolRunner(inventing, { ...ask('Use get_weather, then launch_rocket.'), tools: [getWeather] }).done();
    expect(final.stop_reason).toBe('end_turn');
    const results = toolResultsOf(sentBodies(mock.server)[1]!);
    expect(results.map((result) => [result.is_error ?? false, result.content])).toEqual([
      [false, expect.stringMatching(/^Sunny, 21 /)],
      [true, 'Unknown tool "launch_rocket". Available tools: get_weather.'],
    ]);
  });

  it('stops after max_iterations requests without running the last reply’s tools', async () => {
    let runs = 0;
    const counted = tool({ name: 'counted', input: z.object({}), run: () => String(++runs) });
    const runner = toolRunner(client(), { ...ask('Use counted.'), tools: [counted], max_iterations: 1 });
    const turns: Message[] = [];
    for await (const message of runner) turns.push(message);
    expect(turns).toHaveLength(1);
    expect(turns[0]?.stop_reason).toBe('tool_use');
    expect(await runner.done()).toBe(turns[0]);
    expect(runs).toBe(0);
    expect(sentBodies(mock.server)).toHaveLength(1);
    expect(runner.messages).toHaveLength(2);

    expect(() => toolRunner(client(), { ...ask('x'), tools: [], max_iterations: 0 })).toThrow(
      'toolRunner: max_iterations must be a positive integer, got 0',
    );
    expect(() => toolRunner(client(), { ...ask('x'), tools: [], max_iterations: 1.5 })).toThrow(/got 1.5/);
  });

  it('stops mid-tool when the signal aborts: rejects with APIUserAbortError and sends nothing more', async () => {
    const controller = new AbortController();
    let toolSignal: AbortSignal | undefined;
    const stuck = tool({
      name: 'stuck',
      input: z.object({}),
      run: (_input, { signal }) => {
        toolSignal = signal;
        controller.abort();
        // Ignores the signal on purpose: the runner must not wait for it.
        return new Promise<string>(() => undefined);
      },
    });
    const runner = toolRunner(client(), { ...ask('Use stuck.'), tools: [stuck] }, { signal: controller.signal });
    const seen: Message[] = [];
    const iteration = (async () => {
      for await (const message of runner) seen.push(message);
    })();
    await expect(iteration).rejects.toBeInstanceOf(APIUserAbortError);
    await expect(runner.done()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(toolSignal?.aborted).toBe(true);
    expect(seen).toHaveLength(1);
    expect(sentBodies(mock.server)).toHaveLength(1);
  });

  it('rejects with APIUserAbortError when the signal aborted before anything was sent', async () => {
    const controller = new AbortController();
    controller.abort();
    const runner = toolRunner(client(), { ...ask('Use get_weather.'), tools: [getWeather] }, { signal: controller.signal });
    await expect(runner.done()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(sentBodies(mock.server)).toHaveLength(0);
  });
});
