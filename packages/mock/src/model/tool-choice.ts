// Which tools the mock calls. It calls tools when `tool_choice` demands it (`any`,
// `tool`) or when the last user text names them, and stops calling them once tool
// results come back, so a tool loop always ends.
import type { CreateMessageParams, Tool } from '@parley/core';

/** The tools to call and whether the choice was forced by `tool_choice`. */
export interface ToolPlan {
  tools: Tool[];
  forced: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Tools whose name appears in `text` as a whole word, in the order they appear. */
export function namedTools(tools: Tool[], text: string): Tool[] {
  const found: { tool: Tool; at: number }[] = [];
  for (const tool of tools) {
    const at = text.search(new RegExp(`(^|[^A-Za-z0-9_-])${escapeRegExp(tool.name)}($|[^A-Za-z0-9_-])`, 'i'));
    if (at >= 0) found.push({ tool, at });
  }
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.tool);
}

/**
 * A request problem `tool_choice` can have, as `[path, message]`, or undefined.
 * Anthropic rejects these with 400 too.
 */
export function toolChoiceProblem(params: Pick<CreateMessageParams, 'tools' | 'tool_choice'>): [string, string] | undefined {
  const choice = params.tool_choice;
  if (!choice || choice.type === 'auto' || choice.type === 'none') return undefined;
  const tools = params.tools ?? [];
  if (tools.length === 0) return ['tool_choice', 'tool_choice may only be specified while providing tools'];
  if (choice.type === 'tool' && !tools.some((tool) => tool.name === choice.name)) {
    return ['tool_choice.name', `no tool named '${choice.name}' in tools`];
  }
  return undefined;
}

/** The tools to call for this turn (none when the user sent tool results). */
export function planTools(params: CreateMessageParams, options: { userText: string; hasToolResults: boolean }): ToolPlan {
  const tools = params.tools ?? [];
  const choice = params.tool_choice ?? { type: 'auto' as const };
  if (tools.length === 0 || choice.type === 'none' || options.hasToolResults) return { tools: [], forced: false };
  const single = choice.disable_parallel_tool_use === true;
  let chosen: Tool[];
  if (choice.type === 'tool') {
    chosen = tools.filter((tool) => tool.name === choice.name).slice(0, 1);
  } else {
    const named = namedTools(tools, options.userText);
    chosen = named.length > 0 || choice.type !== 'any' ? named : tools.slice(0, 1);
  }
  return { tools: single ? chosen.slice(0, 1) : chosen, forced: choice.type !== 'auto' };
}
