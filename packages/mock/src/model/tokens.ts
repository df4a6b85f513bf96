// The mock's tokenizer: a token is a whitespace-separated word. JSON (tool schemas,
// tool inputs) is counted the same way after its punctuation is read as spaces, images
// and PDFs have fixed costs. One function counts both `count_tokens` and `usage`, so
// the two always agree for the same input.
import type { ContentBlockParam, MessageParam, SystemPrompt, ToolUnion } from '@parley/core';

/** What an image costs, whatever its size. */
export const IMAGE_TOKENS = 100;
/** What a PDF costs, whatever its length (its bytes are not read). */
export const PDF_TOKENS = 500;

const WORD = /\S+/g;

/** The number of whitespace-separated words in `text`. */
export function countTokens(text: string | null | undefined): number {
  if (!text) return 0;
  let count = 0;
  for (const _ of text.matchAll(WORD)) count++;
  return count;
}

/** Tokens of a JSON value: its JSON text with `{}[]",:` read as spaces. */
export function countJsonTokens(value: unknown): number {
  const json = JSON.stringify(value) as string | undefined;
  return countTokens((json ?? '').replace(/[{}[\]",:]/g, ' '));
}

/**
 * The first `max` words of `text`, with the whitespace between them, and whether
 * anything was cut off.
 */
export function takeTokens(text: string, max: number): { text: string; cut: boolean } {
  if (max <= 0) return { text: '', cut: countTokens(text) > 0 };
  let seen = 0;
  for (const match of text.matchAll(WORD)) {
    seen++;
    if (seen === max) {
      const end = match.index + match[0].length;
      return { text: text.slice(0, end), cut: /\S/.test(text.slice(end)) };
    }
  }
  return { text, cut: false };
}

/** Tokens of a document's source: its text, the text of its blocks, or a PDF's fixed cost. */
function sourceTokens(source: { type?: unknown; data?: unknown; content?: unknown }): number {
  if (source.type === 'text' && typeof source.data === 'string') return countTokens(source.data);
  if (source.type === 'content') {
    if (typeof source.content === 'string') return countTokens(source.content);
    if (Array.isArray(source.content)) return (source.content as { type: string }[]).reduce((sum, inner) => sum + blockTokens(inner), 0);
  }
  return PDF_TOKENS;
}

function blockTokens(block: ContentBlockParam | { type: string }): number {
  const b = block as ContentBlockParam;
  switch (b.type) {
    case 'text':
      return countTokens(b.text);
    case 'image':
      return IMAGE_TOKENS;
    case 'document':
      return sourceTokens(b.source) + countTokens(b.title) + countTokens(b.context);
    case 'search_result':
      return countTokens(b.source) + countTokens(b.title) + b.content.reduce((sum, inner) => sum + countTokens(inner.text), 0);
    case 'tool_use':
    case 'server_tool_use':
      return countTokens(b.name) + countJsonTokens(b.input);
    case 'tool_result':
      if (typeof b.content === 'string') return countTokens(b.content);
      return (b.content ?? []).reduce((sum, inner) => sum + blockTokens(inner), 0);
    case 'thinking':
    case 'redacted_thinking':
      // Earlier turns' reasoning is not part of the context the model reads.
      return 0;
    default:
      // Server tool results and blocks of a newer type: their JSON, read as words.
      return countJsonTokens(block);
  }
}

/** The request fields that make up the input. */
export interface TokenInput {
  system?: SystemPrompt | undefined;
  messages: readonly MessageParam[];
  tools?: readonly (ToolUnion | { type: string })[] | undefined;
}

/** Tokens of a tool definition: a custom tool's name, description and schema, else its whole JSON. */
function toolTokens(tool: ToolUnion | { type: string }): number {
  const custom = tool as { name?: unknown; description?: unknown; input_schema?: unknown };
  if (custom.input_schema === undefined) return countJsonTokens(tool);
  return countTokens(typeof custom.name === 'string' ? custom.name : '') + countTokens(typeof custom.description === 'string' ? custom.description : '') + countJsonTokens(custom.input_schema);
}

/** The input tokens of a request: system prompt, messages (system turns included) and tool definitions. */
export function countInputTokens(input: TokenInput): number {
  let total = 0;
  if (typeof input.system === 'string') total += countTokens(input.system);
  else for (const block of input.system ?? []) total += countTokens(block.text);
  for (const message of input.messages) {
    if (typeof message.content === 'string') total += countTokens(message.content);
    else for (const block of message.content) total += blockTokens(block);
  }
  for (const tool of input.tools ?? []) total += toolTokens(tool);
  return total;
}
