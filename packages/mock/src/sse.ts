// A Message cut into server-sent events, in Anthropic's order: message_start, ping,
// then per block content_block_start / deltas / content_block_stop, message_delta
// with the final usage, message_stop. Text and thinking arrive as deltas, a cited text's
// citations as one `citations_delta` each before its text, tool input (`tool_use` and
// `server_tool_use`) as JSON fragments; a server tool's result arrives whole in its
// `content_block_start`. What is only known at the end (stop reason, output tokens,
// server tool counts, the container) comes in `message_delta`.
import type { ContentBlock, Message } from '@parley/core';

/** One event, as it goes on the wire. */
export interface StreamEvent {
  type: string;
  [key: string]: unknown;
}

/** How many words go into one text or thinking delta. */
const WORDS_PER_DELTA = 3;
/** How many tool input JSON fragments a tool_use block is sent in. */
const JSON_FRAGMENTS = 4;

/** `event: <type>` and `data: <json>`, then a blank line. */
export function encodeEvent(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Text cut after every few words, whitespace kept, so the pieces join back exactly. */
export function splitWords(text: string, perPiece = WORDS_PER_DELTA): string[] {
  const words = text.match(/\s*\S+\s*/g) ?? [];
  const pieces: string[] = [];
  for (let i = 0; i < words.length; i += perPiece) pieces.push(words.slice(i, i + perPiece).join(''));
  return pieces.length > 0 ? pieces : [text];
}

// Compact JSON (a structured output) has no spaces to split at: it goes in pieces of
// about JSON_PIECE characters, so a client sees the object grow.
const JSON_PIECE = 12;
const textPieces = (text: string): string[] =>
  /^[[{]/.test(text) ? splitEvenly(text, Math.ceil(text.length / JSON_PIECE)) : splitWords(text);

/** Text cut into `count` pieces of about the same length, never inside a character. */
export function splitEvenly(text: string, count: number): string[] {
  const chars = Array.from(text);
  const size = Math.max(1, Math.ceil(chars.length / count));
  const pieces: string[] = [];
  for (let i = 0; i < chars.length; i += size) pieces.push(chars.slice(i, i + size).join(''));
  return pieces;
}

function blockEvents(block: ContentBlock, index: number): StreamEvent[] {
  const delta = (value: object): StreamEvent => ({ type: 'content_block_delta', index, delta: value });
  switch (block.type) {
    case 'text': {
      const citations = block.citations ?? [];
      return [
        { type: 'content_block_start', index, content_block: { type: 'text', text: '', ...(citations.length > 0 ? { citations: [] } : {}) } },
        ...citations.map((citation) => delta({ type: 'citations_delta', citation })),
        ...textPieces(block.text).map((text) => delta({ type: 'text_delta', text })),
      ];
    }
    case 'thinking':
      return [
        { type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '' } },
        // Thinking shown only by its signature has no text to send.
        ...(block.thinking ? splitWords(block.thinking).map((thinking) => delta({ type: 'thinking_delta', thinking })) : []),
        ...(block.signature ? [delta({ type: 'signature_delta', signature: block.signature })] : []),
      ];
    case 'tool_use':
    case 'server_tool_use':
      // Tool input starts as {} and arrives as JSON fragments, the first one empty.
      return [
        { type: 'content_block_start', index, content_block: { ...block, input: {} } },
        delta({ type: 'input_json_delta', partial_json: '' }),
        ...splitEvenly(JSON.stringify(block.input), JSON_FRAGMENTS).map((partial_json) => delta({ type: 'input_json_delta', partial_json })),
      ];
    default:
      return [{ type: 'content_block_start', index, content_block: block }];
  }
}

/** The events that stream `message`. */
export function messageEvents(message: Message): StreamEvent[] {
  const { server_tool_use: serverTools, ...startUsage } = message.usage;
  const { container, ...rest } = message;
  const events: StreamEvent[] = [
    {
      type: 'message_start',
      message: {
        ...rest,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...startUsage, output_tokens: Math.min(1, message.usage.output_tokens) },
      },
    },
    { type: 'ping' },
  ];
  message.content.forEach((block, index) => {
    events.push(...blockEvents(block, index), { type: 'content_block_stop', index });
  });
  events.push(
    {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence ?? null, ...(container ? { container } : {}) },
      usage: { output_tokens: message.usage.output_tokens, ...(serverTools ? { server_tool_use: serverTools } : {}) },
    },
    { type: 'message_stop' },
  );
  return events;
}
