// The replies the benchmarks stream, built once per process from a seed, each with the
// ground truth a run's result is checked against.
import { between, pick, seededRandom } from './random.ts';
import { frame } from './sse.ts';

export const MODEL = 'claude-bench-1';

/** What every scenario sends: a small request, as an application would. */
export const REQUEST = {
  model: MODEL,
  max_tokens: 1024,
  messages: [{ role: 'user' as const, content: 'Write me something long.' }],
};

const WORDS = [
  'the', 'stream', 'of', 'tokens', 'arrives', 'in', 'small', 'pieces', 'and', 'every', 'one', 'counts',
  'naïve', 'café', 'façade', 'Straße', 'smörgåsbord', '東京', '日本語', 'ĉiu', 'Ωmega', '🚀', '👩‍💻', '∑',
  '"quoted"', 'back\\slash', 'tab\there', 'line\nbreak', '<html>', '{braces}', 'data:', 'event:',
];

function message(content: unknown[], stopReason: string | null, outputTokens: number) {
  return {
    id: 'msg_bench_0001',
    type: 'message',
    role: 'assistant',
    model: MODEL,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: 17, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

export function streamText(blockStart: unknown, deltas: readonly unknown[], stopReason: string): string {
  const parts = [
    frame({ type: 'message_start', message: message([], null, 1) }),
    frame({ type: 'content_block_start', index: 0, content_block: blockStart }),
    frame({ type: 'ping' }),
  ];
  for (const delta of deltas) parts.push(frame({ type: 'content_block_delta', index: 0, delta }));
  parts.push(
    frame({ type: 'content_block_stop', index: 0 }),
    frame({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: deltas.length } }),
    frame({ type: 'message_stop' }),
  );
  return parts.join('');
}

/** A streamed text reply. */
export interface TextReply {
  /** The SSE body. */
  sse: string;
  /** The reply's text: what the final message's text block must hold. */
  text: string;
  deltas: number;
}

/** A text reply of `deltas` text deltas of about `charsPerDelta` characters each. */
export function textReply(options: { deltas: number; charsPerDelta: number; seed?: number }): TextReply {
  const random = seededRandom(options.seed ?? 1);
  const pieces: string[] = [];
  for (let i = 0; i < options.deltas; i++) {
    let piece = '';
    while (piece.length < options.charsPerDelta) piece += pick(random, WORDS) + ' ';
    pieces.push(piece);
  }
  const sse = streamText(
    { type: 'text', text: '' },
    pieces.map((text) => ({ type: 'text_delta', text })),
    'end_turn',
  );
  return { sse, text: pieces.join(''), deltas: options.deltas };
}

/** A streamed tool call. */
export interface ToolReply {
  sse: string;
  /** The tool input: what the final `tool_use` block's `input` must deep-equal. */
  input: unknown;
  /** Length of the input's JSON text. */
  jsonLength: number;
  deltas: number;
}

function record(random: () => number, id: number): Record<string, unknown> {
  const word = () => pick(random, WORDS);
  return {
    id,
    name: `${word()} ${word()}`,
    score: Math.round((random() - 0.3) * 1e6) / 1e3,
    ratio: random() / 7,
    big: between(random, -9e15, 9e15),
    exp: Number(`${between(random, 1, 9)}e${between(random, -30, 30)}`),
    active: random() < 0.5,
    missing: null,
    tags: [word(), word(), word()],
    note: random() < 0.3 ? '' : `${word()} \u00e9\u0000\u001f ${word()} \ud83d\ude80`,
    nested: { depth: [[[between(random, 0, 9)]], {}], empty: [] },
  };
}

/**
 * A streamed tool call whose input is a JSON object of about `bytes` characters, sent as
 * `deltas` `input_json_delta` fragments of uneven length, cut anywhere (inside strings,
 * escapes, numbers and keywords).
 */
export function toolReply(options: { bytes: number; deltas: number; seed?: number }): ToolReply {
  const random = seededRandom(options.seed ?? 2);
  const items: unknown[] = [];
  const value = { title: 'bench input', items, meta: { count: 0, escaped: '\\"\n\t\u2028', unicode: '日本語 🚀' } };
  let length = JSON.stringify(value).length;
  while (length < options.bytes) {
    const next = record(random, items.length);
    items.push(next);
    length += JSON.stringify(next).length + 1;
  }
  value.meta.count = items.length;
  const json = JSON.stringify(value);
  const fragments = cut(json, options.deltas, random);
  const sse = streamText(
    { type: 'tool_use', id: 'toolu_bench_0001', name: 'record_everything', input: {} },
    fragments.map((partial_json) => ({ type: 'input_json_delta', partial_json })),
    'tool_use',
  );
  // Round-tripped, so values JSON cannot carry (-0, say) compare as JSON gives them back.
  return { sse, input: JSON.parse(json), jsonLength: json.length, deltas: fragments.length };
}

/** Cuts `text` into `count` pieces of uneven length (never inside a surrogate pair). */
function cut(text: string, count: number, random: () => number): string[] {
  const average = text.length / count;
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i < count - 1 && start < text.length; i++) {
    let end = Math.min(text.length, Math.round(start + average * (0.5 + random())));
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end++;
    if (end <= start) continue;
    pieces.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) pieces.push(text.slice(start));
  return pieces;
}

/** A whole (non-streamed) reply. */
export interface JsonReply {
  body: string;
  /** The message the call must return. */
  message: unknown;
}

/** A JSON `Message` of about `bytes` characters, as a non-streaming call returns it. */
export function jsonReply(options: { bytes: number; seed?: number }): JsonReply {
  const random = seededRandom(options.seed ?? 3);
  let text = '';
  const base = JSON.stringify(message([{ type: 'text', text: '' }], 'end_turn', 1)).length;
  while (base + JSON.stringify(text).length < options.bytes) text += pick(random, WORDS) + ' ';
  const body = JSON.stringify(message([{ type: 'text', text }], 'end_turn', 412));
  return { body, message: JSON.parse(body) };
}

/** A streamed structured output: a reply whose text is one JSON object. */
export interface OutputReply {
  sse: string;
  /** The object the text encodes: what `parsed_output` must deep-equal. */
  value: unknown;
  /** Length of the JSON text. */
  jsonLength: number;
  deltas: number;
}

/**
 * A structured output of about `bytes` characters of JSON (records of the same kinds as
 * the tool inputs), sent as `deltas` `text_delta`s of uneven length, cut anywhere.
 */
export function outputReply(options: { bytes: number; deltas: number; seed?: number }): OutputReply {
  const random = seededRandom(options.seed ?? 3);
  const records: unknown[] = [];
  const value = { title: 'a long structured answer', records };
  let length = 0;
  while (length < options.bytes) {
    const next = record(random, records.length);
    records.push(next);
    length += JSON.stringify(next).length + 1;
  }
  const text = JSON.stringify(value);
  const pieces: string[] = [];
  const average = text.length / options.deltas;
  for (let at = 0; at < text.length; ) {
    const size = Math.max(1, Math.round(average * (0.5 + random())));
    pieces.push(text.slice(at, at + size));
    at += size;
  }
  const sse = streamText({ type: 'text', text: '' }, pieces.map((piece) => ({ type: 'text_delta', text: piece })), 'end_turn');
  return { sse, value, jsonLength: text.length, deltas: pieces.length };
}
