import type { ToolResultBlockParam, ToolResultContentBlockParam } from '@parley/core';
import { abortError, onAbort } from './abort.js';
import { describeError } from './describe-error.js';
import type { ParsedToolUse } from './parse-tool-uses.js';
import type { RunnableTool } from './tool.js';

/** Options of {@link runTools}. */
export interface RunToolsOptions {
  /** Cancels the run: given to every tool, and `runTools` rejects with `APIUserAbortError` at once. */
  signal?: AbortSignal | undefined;
}

/**
 * Runs the tool calls of one reply, all at once, and answers each with a `tool_result`
 * block, in the order of the calls. A rejected input, an unknown tool, a thrown error or
 * a return value that is not a string or blocks becomes a result with `is_error: true`
 * whose text tells the model what went wrong, so it can correct itself.
 *
 * @example
 * const uses = await parseToolUses(message, tools);
 * const results = await runTools(uses, { signal });
 * messages.push({ role: 'assistant', content: message.content }, { role: 'user', content: results });
 *
 * @throws APIUserAbortError when the signal aborts, without waiting for tools that ignore it.
 */
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
    return failure(use.id, `${use.name} returned ${describeValue(output)}, not a string or text/image blocks`);
  }
  return { type: 'tool_result', tool_use_id: use.id, content };
}

function failure(toolUseId: string, text: string): ToolResultBlockParam {
  return { type: 'tool_result', tool_use_id: toolUseId, content: text, is_error: true };
}

// `run` is typed, but plain JavaScript callers can return anything. Any block with a
// string `type` is accepted so block types added to tool results later pass through.
function toContent(output: unknown): string | ToolResultContentBlockParam[] | undefined {
  if (typeof output === 'string') return output;
  if (!Array.isArray(output)) return undefined;
  const blocks: unknown[] = output;
  const isBlock = (block: unknown) =>
    typeof block === 'object' && block !== null && typeof (block as { type?: unknown }).type === 'string';
  return blocks.every(isBlock) ? ([...blocks] as ToolResultContentBlockParam[]) : undefined;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array holding something other than content blocks';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
