import type { Message, ToolUseBlock } from '@parley/core';
import { formatIssues, type StandardSchemaIssue } from './standard-schema.js';
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
  const byName = indexTools(tools);
  const blocks = message.content.filter((block): block is ToolUseBlock & { type: 'tool_use' } => block.type === 'tool_use');
  return Promise.all(blocks.map((block) => parseOne(block, byName)));
}

async function parseOne<T extends RunnableTool>(block: ToolUseBlock, byName: ReadonlyMap<string, T>): Promise<ParsedToolUse<T>> {
  const { id, name } = block;
  const tool = byName.get(name);
  if (tool === undefined) {
    const known = [...byName.keys()].join(', ');
    const error = `Unknown tool "${name}". Available tools: ${known === '' ? 'none' : known}.`;
    return { status: 'unknown_tool', id, name, block, tool: undefined, error };
  }
  const result = await tool.validate(block.input);
  if (result.issues !== undefined) {
    const error = `Invalid input for ${name}: ${formatIssues(result.issues)}`;
    return { status: 'invalid', id, name, block, tool, issues: result.issues, error };
  }
  // The conditional type cannot be narrowed by a runtime match on `name`, hence the cast.
  return { status: 'valid', id, name, block, tool, input: result.value } as ValidToolUse<T>;
}

/**
 * The tools by name, checked: each must come from `tool()`, and names must be unique,
 * since the model can only tell tools apart by name.
 */
export function indexTools<T extends RunnableTool>(tools: readonly T[]): Map<string, T> {
  if (!Array.isArray(tools)) throw new TypeError('tools: expected an array of tools made with tool()');
  const byName = new Map<string, T>();
  tools.forEach((candidate: unknown, index) => {
    if (!isRunnableTool(candidate)) {
      throw new TypeError(`tools[${index}]: expected a tool made with tool() (with definition, validate and run)`);
    }
    if (byName.has(candidate.name)) throw new TypeError(`tools[${index}]: a second tool is named "${candidate.name}"`);
    byName.set(candidate.name, candidate as T);
  });
  return byName;
}

function isRunnableTool(value: unknown): value is RunnableTool {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<RunnableTool>;
  return (
    typeof candidate.name === 'string' &&
    typeof candidate.definition === 'object' &&
    typeof candidate.validate === 'function' &&
    typeof candidate.run === 'function'
  );
}
