import type { ContentBlockDeltaEvent } from '@parley/core';

// The exact bytes Anthropic sends for a text or thinking delta, around the index and the text.
const HEAD = '{"type":"content_block_delta","index":';
const TEXT = ',"delta":{"type":"text_delta","text":"';
const THINKING = ',"delta":{"type":"thinking_delta","thinking":"';
const TAIL = '"}}';
// Characters that a JSON string spells with an escape, or that end it: their presence
// sends the text through JSON.parse.
// eslint-disable-next-line no-control-regex
const NEEDS_JSON = /["\\\u0000-\u001f]/;

/**
 * Text and thinking deltas are most of a stream, and JSON.parse is most of their cost. A
 * line in the exact form Anthropic writes, `{"type":"content_block_delta","index":N,
 * "delta":{"type":"text_delta","text":"…"}}` (or the `thinking_delta` twin) is read here
 * in a fraction of that time, into the same object JSON.parse would build: a text
 * without a quote, backslash or control character is taken as it is, one with escapes
 * is decoded by JSON.parse of the string alone. Anything else (other spacing or key order, any other
 * event) returns undefined and goes to JSON.parse: this is a shortcut, never a second
 * parser.
 */
export function readPlainDelta(data: string): ContentBlockDeltaEvent | undefined {
  if (!data.startsWith(HEAD)) return undefined;
  const digits = HEAD.length;
  let at = digits;
  let index = 0;
  for (let c = data.charCodeAt(at); c >= 48 && c <= 57; c = data.charCodeAt(++at)) index = index * 10 + (c - 48);
  const count = at - digits;
  // JSON numbers have no leading zeros; more than 9 digits could lose precision here.
  if (count === 0 || count > 9 || (count > 1 && data.charCodeAt(digits) === 48)) return undefined;
  const thinking = data.startsWith(THINKING, at);
  if (!thinking && !data.startsWith(TEXT, at)) return undefined;
  const start = at + (thinking ? THINKING.length : TEXT.length);
  const end = data.length - TAIL.length;
  if (end < start || !data.endsWith(TAIL)) return undefined;
  let text = data.slice(start, end);
  if (NEEDS_JSON.test(text)) {
    // Escapes (a quote, a newline) are common in text: the string alone goes through
    // JSON.parse, which fails unless it is exactly one JSON string (an unescaped quote
    // would end it early), and then the line is exactly the event built below.
    try {
      text = JSON.parse(`"${text}"`) as string;
    } catch {
      return undefined;
    }
  }
  return thinking
    ? { type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking: text } }
    : { type: 'content_block_delta', index, delta: { type: 'text_delta', text } };
}
