import type { Message, ToolUseBlock } from '@parley/core';
import { loadLoop } from './load-loop.js';
import type { StandardSchemaIssue } from './standard-schema.js';
import type { RunnableTool } from './tool.js';

/** A `tool_use` block whose input passed its tool's schema. */
export type ValidToolUse<T extends RunnableTool = RunnableTool> =
  T extends RunnableTool<infer Input, infer Name>
    ? {
        readonly status: 'valid';
        /** The block's `id`, to answer with a `tool_result`. */
        readonly id: string;
        readonly name: Name;
        readonly block: ToolUseBlock;
        readonly tool: T;
        /** The validated (and, for schemas that transform, transformed) input. */
        readonly input: Input;
      }
    : never;

/** A `tool_use` block whose input its tool's schema rejected. */
export interface InvalidToolUse<T extends RunnableTool = RunnableTool> {
  readonly status: 'invalid';
  readonly id: string;
  readonly name: T['name'];
  readonly block: ToolUseBlock;
  readonly tool: T;
  /** What the schema found wrong. */
  readonly issues: readonly StandardSchemaIssue[];
  /** The issues as one line for the model, e.g. `Invalid input for get_weather: location: …`. */
  readonly error: string;
}

/** A `tool_use` block naming a tool that is not in the list (models do invent some). */
export interface UnknownToolUse {
  readonly status: 'unknown_tool';
  readonly id: string;
  readonly name: string;
  readonly block: ToolUseBlock;
  readonly tool: undefined;
  /** A message for the model naming the tools that do exist. */
  readonly error: string;
}

/** One `tool_use` block of a reply, matched with its tool and checked. */
export type ParsedToolUse<T extends RunnableTool = RunnableTool> = ValidToolUse<T> | InvalidToolUse<T> | UnknownToolUse;

/**
 * Matches each `tool_use` block of a reply with its tool and validates its input, in
 * block order. Nothing throws for bad model output: an unknown tool name or an input
 * the schema rejects is reported in the result, ready to be answered with an error.
 *
 * @example
 * for (const use of await parseToolUses(message, [getWeather, getTime])) {
 *   if (use.status === 'valid' && use.name === 'get_weather') console.log(use.input.location);
 *   else if (use.status !== 'valid') console.warn(use.error);
 * }
 *
 * @throws TypeError when `tools` holds something not made by `tool()` or two tools share a name.
 */
export async function parseToolUses<const T extends RunnableTool>(
  message: Pick<Message, 'content'>,
  tools: readonly T[],
): Promise<ParsedToolUse<T>[]> {
  // The implementation loads on the first call, out of the initial bundle (see load-loop.ts).
  const loop = await loadLoop();
  return loop.parseToolUses(message, tools);
}
