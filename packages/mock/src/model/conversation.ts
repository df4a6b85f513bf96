// Reading the conversation: what the user last said and which tool results came back.
import type { MessageParam, ToolResultBlockParam } from '@parley/core';

/** The last `user` turn, or undefined when there is none. */
export function lastUserMessage(messages: MessageParam[]): MessageParam | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message?.role === 'user') return message;
  }
  return undefined;
}

/** The text of a turn: a string content, or its text blocks joined by newlines. */
export function textOf(message: MessageParam | undefined): string {
  if (!message) return '';
  if (typeof message.content === 'string') return message.content;
  const parts: string[] = [];
  for (const block of message.content) if (block.type === 'text') parts.push(block.text);
  return parts.join('\n');
}

/** The `tool_result` blocks of a turn. */
export function toolResultsOf(message: MessageParam | undefined): ToolResultBlockParam[] {
  if (!message || typeof message.content === 'string') return [];
  return message.content.filter((block): block is ToolResultBlockParam & { type: 'tool_result' } => block.type === 'tool_result');
}

/** The text of a tool result's content. */
export function resultText(result: ToolResultBlockParam): string {
  if (typeof result.content === 'string') return result.content;
  const parts: string[] = [];
  for (const block of result.content ?? []) if (block.type === 'text') parts.push(block.text);
  return parts.join('\n');
}

/** The tool name of each `tool_use` in the assistant turns, by id. */
export function toolNamesById(messages: MessageParam[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant' || typeof message.content === 'string') continue;
    for (const block of message.content) if (block.type === 'tool_use') names.set(block.id, block.name);
  }
  return names;
}
