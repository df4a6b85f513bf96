// Reading the conversation: what the user last said, which tool results came back, and
// the assistant turn a request asks to continue. Blocks of a `type` newer than the spec
// may be anywhere; they are read past, never trusted to have any field.
import type { ContentBlockParam, MessageParam, ToolResultBlockParam } from '@parley/core';

/** The blocks of a turn; a string content has none. */
export function blocksOf(message: MessageParam | undefined): readonly ContentBlockParam[] {
  if (!message || typeof message.content === 'string') return [];
  return message.content;
}

/** The last `user` turn, or undefined when there is none. */
export function lastUserMessage(messages: readonly MessageParam[]): MessageParam | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'user') return message;
  }
  return undefined;
}

/**
 * The blocks of the model's own turn at the end of the conversation, which the reply
 * continues. Consecutive assistant messages make one turn, as the API merges them, so a
 * turn paused twice can be sent back as one message or as two.
 */
export function continuedBlocks(messages: readonly MessageParam[]): readonly ContentBlockParam[] {
  let start = messages.length;
  while (start > 0 && messages[start - 1]?.role === 'assistant') start--;
  return messages.slice(start).flatMap((message) => blocksOf(message));
}

/** The text of a turn: a string content, or its text blocks joined by newlines. */
export function textOf(message: MessageParam | undefined): string {
  if (!message) return '';
  if (typeof message.content === 'string') return message.content;
  const parts: string[] = [];
  for (const block of blocksOf(message)) if (block.type === 'text') parts.push(block.text);
  return parts.join('\n');
}

/** The `tool_result` blocks of a turn. */
export function toolResultsOf(message: MessageParam | undefined): ToolResultBlockParam[] {
  const results: ToolResultBlockParam[] = [];
  for (const block of blocksOf(message)) if (block.type === 'tool_result') results.push(block);
  return results;
}

/** The text of a tool result's content. */
export function resultText(result: ToolResultBlockParam): string {
  if (typeof result.content === 'string') return result.content;
  const parts: string[] = [];
  for (const block of result.content ?? []) if (block.type === 'text') parts.push(block.text);
  return parts.join('\n');
}

/** The tool name of each `tool_use` in the assistant turns, by id. */
export function toolNamesById(messages: readonly MessageParam[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const block of blocksOf(message)) if (block.type === 'tool_use') names.set(block.id, block.name);
  }
  return names;
}
