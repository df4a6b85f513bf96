import type { Message, ToolUseBlock } from '@parley/core';
import { indexTools } from '../index-tools.js';
import type { ParsedToolUse, ValidToolUse } from '../parse-tool-uses.js';
import type { RunnableTool } from '../tool.js';
import { formatIssues } from './format-issues.js';

/** The implementation of the public `parseToolUses` (src/parse-tool-uses.ts), which loads it on first use. */
export async function parseToolUses<T extends RunnableTool>(
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
