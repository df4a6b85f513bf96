import type { ToolResultBlockParam } from '@parley/core';
import { loadLoop } from './load-loop.js';
import type { ParsedToolUse } from './parse-tool-uses.js';

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
  // The implementation loads on the first call, out of the initial bundle (see load-loop.ts).
  const loop = await loadLoop();
  return loop.runTools(uses, options);
}
