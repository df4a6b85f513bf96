import { APIUserAbortError } from '@parley/errors';
import type { Message } from '@parley/core';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseToolUses, runTools, tool, type ToolRunContext } from '../src/index.js';

function reply(uses: { id: string; name: string; input: unknown }[]): Message {
  return {
    id: 'msg_1',
    type: 'message',
    role: 'assistant',
    model: 'mock',
    content: uses.map((use) => ({ type: 'tool_use' as const, ...use })),
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: 1, output_tokens: 1 },
  };
}

const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';

describe('runTools', () => {
  it('answers every call in order: strings, blocks, and is_error results for each kind of failure', async () => {
    const contexts: ToolRunContext[] = [];
    const tools = [
      tool({
        name: 'get_weather',
        input: z.object({ location: z.string() }),
        run: ({ location }, context) => {
          contexts.push(context);
          return `Sunny in ${location}`;
        },
      }),
      tool({
        name: 'snapshot',
        input: z.object({}),
        run: async () => [
          { type: 'text', text: 'A red pixel' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } },
        ],
      }),
      tool({
        name: 'explode',
        input: z.object({}),
        run: () => {
          throw new Error('the service is down');
        },
      }),
      tool({ name: 'odd', input: { type: 'object' }, run: (() => 42) as never }),
    ];
    const uses = await parseToolUses(
      reply([
        { id: 't1', name: 'get_weather', input: { location: 'Paris' } },
        { id: 't2', name: 'snapshot', input: {} },
        { id: 't3', name: 'get_weather', input: { location: 7 } },
        { id: 't4', name: 'explode', input: {} },
        { id: 't5', name: 'nope', input: {} },
        { id: 't6', name: 'odd', input: {} },
      ]),
      tools,
    );
    const signal = new AbortController().signal;
    expect(await runTools(uses, { signal })).toEqual([
      { type: 'tool_result', tool_use_id: 't1', content: 'Sunny in Paris' },
      {
        type: 'tool_result',
        tool_use_id: 't2',
        content: [
          { type: 'text', text: 'A red pixel' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PIXEL } },
        ],
      },
      {
        type: 'tool_result',
        tool_use_id: 't3',
        content: 'Invalid input for get_weather: location: Invalid input: expected string, received number',
        is_error: true,
      },
      { type: 'tool_result', tool_use_id: 't4', content: 'explode failed: the service is down', is_error: true },
      {
        type: 'tool_result',
        tool_use_id: 't5',
        content: 'Unknown tool "nope". Available tools: get_weather, snapshot, explode, odd.',
        is_error: true,
      },
      {
        type: 'tool_result',
        tool_use_id: 't6',
        content: 'odd returned a number, not a string, content blocks or a JSON object',
        is_error: true,
      },
    ]);
    expect(contexts).toEqual([{ signal, toolUseId: 't1' }]);
  });

  it('sends an object a tool returns as its JSON text, and reports one that is not JSON', async () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    const tools = [
      tool({ name: 'lookup', input: z.object({ city: z.string() }), run: async ({ city }) => ({ city, celsius: 21, tags: ['dry'] }) }),
      tool({ name: 'cycle', input: z.object({}), run: () => cyclic }),
    ];
    const uses = await parseToolUses(reply([{ id: 'a', name: 'lookup', input: { city: 'Oslo' } }, { id: 'b', name: 'cycle', input: {} }]), tools);
    expect(await runTools(uses)).toEqual([
      { type: 'tool_result', tool_use_id: 'a', content: '{"city":"Oslo","celsius":21,"tags":["dry"]}' },
      { type: 'tool_result', tool_use_id: 'b', content: 'cycle returned an object that is not JSON (a cycle or a BigInt), not a string, content blocks or a JSON object', is_error: true },
    ]);
  });

  it('describes thrown values that are not errors', async () => {
    const tools = [
      // Tools written in JavaScript may reject with anything.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      tool({ name: 'a', input: z.object({}), run: () => Promise.reject('plain text') }),
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      tool({ name: 'b', input: z.object({}), run: () => Promise.reject({ code: 7 }) }),
    ];
    const uses = await parseToolUses(reply([{ id: '1', name: 'a', input: {} }, { id: '2', name: 'b', input: {} }]), tools);
    const results = await runTools(uses);
    expect(results.map((result) => result.content)).toEqual(['a failed: plain text', 'b failed: {"code":7}']);
  });

  it('rejects with APIUserAbortError as soon as the signal aborts, even when a tool ignores it', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    let release: (value: string) => void = () => undefined;
    const stuck = tool({
      name: 'stuck',
      input: z.object({}),
      run: (_input, { signal }) => {
        seen = signal;
        // Never settles by itself: only the runner's reaction to the abort can end the wait.
        return new Promise<string>((resolve) => {
          release = resolve;
          controller.abort();
        });
      },
    });
    const uses = await parseToolUses(reply([{ id: '1', name: 'stuck', input: {} }]), [stuck]);
    const error = await runTools(uses, { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(APIUserAbortError.isInstance(error)).toBe(true);
    expect(seen?.aborted).toBe(true);
    release('late');
  });

  it('does not start any tool when the signal has already aborted', async () => {
    let runs = 0;
    const counted = tool({ name: 'counted', input: z.object({}), run: () => String(++runs) });
    const uses = await parseToolUses(reply([{ id: '1', name: 'counted', input: {} }]), [counted]);
    const controller = new AbortController();
    controller.abort(new Error('user left'));
    const error = await runTools(uses, { signal: controller.signal }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(runs).toBe(0);
  });
});
