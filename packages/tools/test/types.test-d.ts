import type { Message, Tool as ToolDefinition } from '@parley/core';
import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import {
  parseToolUses,
  tool,
  toolRunner,
  type RunnableTool,
  type StandardSchemaV1,
  type ToolRunContext,
  type ToolRunner,
  type ToolRunnerClient,
} from '../src/index.js';

declare const message: Message;
declare const someFlag: boolean;

describe('tool() types', () => {
  it('types run’s input from the zod schema (output type, after transforms)', () => {
    const weather = tool({
      name: 'get_weather',
      input: z.object({
        location: z.string(),
        unit: z.enum(['c', 'f']).optional(),
        days: z.array(z.number()),
        at: z.string().transform((s) => s.length),
      }),
      run: (input, context) => {
        expectTypeOf(input).toEqualTypeOf<{ location: string; unit?: 'c' | 'f' | undefined; days: number[]; at: number }>();
        expectTypeOf(context).toEqualTypeOf<ToolRunContext>();
        expectTypeOf(context.signal).toEqualTypeOf<AbortSignal>();
        return `ok ${input.location}`;
      },
    });
    expectTypeOf(weather.name).toEqualTypeOf<'get_weather'>();
    expectTypeOf(weather.definition).toEqualTypeOf<ToolDefinition>();
    expectTypeOf(weather).toExtend<RunnableTool>();
  });

  it('types run’s input from any Standard Schema, and as a plain object for a JSON Schema', () => {
    const custom = {} as StandardSchemaV1<unknown, { id: number }>;
    tool({ name: 'custom', input: custom, run: (input) => (expectTypeOf(input).toEqualTypeOf<{ id: number }>(), 'ok') });
    tool({
      name: 'plain',
      input: { type: 'object', properties: { a: { type: 'string' } } },
      run: (input) => (expectTypeOf(input).toEqualTypeOf<Record<string, unknown>>(), 'ok'),
    });
  });

  it('rejects wrong input use and wrong return types', () => {
    tool({
      name: 'a',
      input: z.object({ location: z.string() }),
      run: ({ location }) => {
        // @ts-expect-error -- `location` is a string, not a number
        const asNumber: number = location;
        return String(asNumber);
      },
    });
    tool({
      name: 'b',
      input: z.object({}),
      // @ts-expect-error -- a tool returns a string, content blocks or an object, not a number
      run: () => 42,
    });
    // An object (or a promise of one) is sent as its JSON text.
    tool({ name: 'c', input: z.object({}), run: async () => ({ text: 'hi', n: 1 }) });
    tool({
      name: 'c2',
      input: z.object({}),
      // @ts-expect-error -- an array must hold content blocks, not other values
      run: () => [1, 2],
    });
    tool({
      name: 'd',
      input: z.object({}),
      // @ts-expect-error -- blocks must be what a tool result may hold (text, image, document, search result, tool reference)
      run: () => [{ type: 'tool_use', id: 'x', name: 'y', input: {} }],
    });
    tool({ name: 'e', input: z.object({}), run: async () => [{ type: 'text' as const, text: 'fine' }] });
  });
});

describe('parseToolUses() types', () => {
  it('narrows the input by tool name', async () => {
    const weather = tool({ name: 'get_weather', input: z.object({ location: z.string() }), run: () => 'x' });
    const time = tool({ name: 'get_time', input: z.object({ zone: z.number() }), run: () => 'x' });
    for (const use of await parseToolUses(message, [weather, time])) {
      if (use.status === 'valid') {
        if (use.name === 'get_weather') expectTypeOf(use.input).toEqualTypeOf<{ location: string }>();
        else expectTypeOf(use.input).toEqualTypeOf<{ zone: number }>();
      } else {
        expectTypeOf(use.error).toEqualTypeOf<string>();
      }
    }
  });
});

describe('toolRunner() types', () => {
  interface MyStream {
    finalMessage(): Promise<Message>;
    textStream: AsyncIterable<string>;
  }
  const client = {} as ToolRunnerClient<MyStream>;
  const base = { model: 'm', max_tokens: 10, messages: [], tools: [] };

  it('yields messages, or the client’s stream type when stream is true', () => {
    // ToolRunner's default turn type is Message.
    expectTypeOf(toolRunner(client, base)).toEqualTypeOf<ToolRunner>();
    expectTypeOf(toolRunner(client, { ...base, stream: false })).toEqualTypeOf<ToolRunner>();
    expectTypeOf(toolRunner(client, { ...base, stream: true })).toEqualTypeOf<ToolRunner<MyStream>>();
    expectTypeOf(toolRunner(client, { ...base, stream: someFlag })).toEqualTypeOf<ToolRunner<Message | MyStream>>();
    expectTypeOf(toolRunner(client, base).done()).toEqualTypeOf<Promise<Message>>();
  });

  it('needs runnable tools, not bare definitions', () => {
    const definition: ToolDefinition = { name: 'x', input_schema: { type: 'object' } };
    // @ts-expect-error -- a definition has no run function
    toolRunner(client, { ...base, tools: [definition] });
  });
});
