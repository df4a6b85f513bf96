import type { ToolResultBlockParam, ToolResultContentBlockParam } from '@parley/core';
import { describeError } from '../describe-error.js';
import type { ParsedToolUse } from '../parse-tool-uses.js';
import type { RunToolsOptions } from '../run-tools.js';
import type { RunnableTool } from '../tool.js';
import { abortError, onAbort } from './abort.js';

/** The implementation of the public `runTools` (src/run-tools.ts), which loads it on first use. */
export async function runTools(
  uses: readonly ParsedToolUse[],
  options: RunToolsOptions = {},
): Promise<ToolResultBlockParam[]> {
  const signal = options.signal ?? new AbortController().signal;
  if (signal.aborted) throw abortError(signal);
  // Each call settles to a result and never rejects, so the calls still running when
  // the race below is lost to an abort cannot leave an unhandled rejection behind.
  const all = Promise.all(uses.map((use) => answer(use, signal)));
  const aborted = onAbort(signal);
  try {
    return await Promise.race([all, aborted.promise]);
  } finally {
    aborted.dispose();
  }
}

async function answer(use: ParsedToolUse, signal: AbortSignal): Promise<ToolResultBlockParam> {
  if (use.status !== 'valid') return failure(use.id, use.error);
  const tool: RunnableTool = use.tool;
  let output: unknown;
  try {
    output = await tool.run(use.input, { signal, toolUseId: use.id });
  } catch (error) {
    return failure(use.id, `${use.name} failed: ${describeError(error)}`);
  }
  const content = toContent(output);
  if (content === undefined) {
    return failure(use.id, `${use.name} returned ${describeValue(output)}, not a string, content blocks or a JSON object`);
  }
  return { type: 'tool_result', tool_use_id: use.id, content };
}

function failure(toolUseId: string, text: string): ToolResultBlockParam {
  return { type: 'tool_result', tool_use_id: toolUseId, content: text, is_error: true };
}

// Text as is; an array of blocks (any block with a string `type`, so block types added
// to tool results later pass through) as content; an object as its JSON text, which the
// model reads well. `run` is typed, but plain JavaScript callers can return anything.
function toContent(output: unknown): string | ToolResultContentBlockParam[] | undefined {
  if (typeof output === 'string') return output;
  if (typeof output !== 'object' || output === null) return undefined;
  if (!Array.isArray(output)) return toJSON(output);
  const blocks: unknown[] = output;
  const isBlock = (block: unknown) =>
    typeof block === 'object' && block !== null && typeof (block as { type?: unknown }).type === 'string';
  return blocks.every(isBlock) ? ([...blocks] as ToolResultContentBlockParam[]) : undefined;
}

function toJSON(value: object): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    // A cycle or a BigInt inside: reported to the model as a failure of the tool.
    return undefined;
  }
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array holding something other than content blocks';
  return typeof value === 'object' ? 'an object that is not JSON (a cycle or a BigInt)' : `a ${typeof value}`;
}
