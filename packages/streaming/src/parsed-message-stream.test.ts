import { OutputParseError } from '@parley/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParsedMessageStream } from './parsed-message-stream.js';

const encoder = new TextEncoder();

/** A whole SSE reply whose output arrives as `pieces`: text deltas, or the input deltas of tool `tool`. */
function sse(pieces: readonly string[], tool?: string): Response {
  const frames: object[] = [
    { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 0 } } },
    tool === undefined
      ? { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }
      : { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_1', name: tool, input: {} } },
    ...pieces.map((piece) => ({
      type: 'content_block_delta',
      index: 0,
      delta: tool === undefined ? { type: 'text_delta', text: piece } : { type: 'input_json_delta', partial_json: piece },
    })),
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: tool === undefined ? 'end_turn' : 'tool_use', stop_sequence: null }, usage: { output_tokens: 9 } },
    { type: 'message_stop' },
  ];
  const text = frames.map((frame) => `event: ${(frame as { type: string }).type}\ndata: ${JSON.stringify(frame)}\n\n`).join('');
  return new Response(encoder.encode(text), { headers: { 'content-type': 'text/event-stream' } });
}

const jsonFormat = { parse: async (text: string): Promise<unknown> => JSON.parse(text) as unknown };

/** Splits `text` at the given points. */
function cut(text: string, points: readonly number[]): string[] {
  const sorted = [...new Set(points.map((point) => point % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let start = 0;
  for (const point of [...sorted, text.length]) {
    if (point > start) pieces.push(text.slice(start, point));
    start = point;
  }
  return pieces;
}

/**
 * Whether `partial` is what a prefix of `final`'s JSON can show: the same kind of value,
 * strings cut short, arrays and objects holding a prefix of the final members, all but
 * the last of them complete.
 */
function isPartialOf(partial: unknown, final: unknown): boolean {
  if (typeof final === 'string') return typeof partial === 'string' && final.startsWith(partial);
  if (Array.isArray(final)) {
    if (!Array.isArray(partial) || partial.length > final.length) return false;
    return partial.every((item, i) => (i < partial.length - 1 ? JSON.stringify(item) === JSON.stringify(final[i]) : isPartialOf(item, final[i])));
  }
  if (typeof final === 'object' && final !== null) {
    if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) return false;
    const keys = Object.keys(partial);
    const finalKeys = Object.keys(final);
    const record = final as Record<string, unknown>;
    return keys.every((key, i) => {
      if (finalKeys[i] !== key) return false;
      const value = (partial as Record<string, unknown>)[key];
      return i < keys.length - 1 ? JSON.stringify(value) === JSON.stringify(record[key]) : isPartialOf(value, record[key]);
    });
  }
  return partial === final;
}

// Objects as structured outputs are: an object at the root, keys unique.
const outputs = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });

describe('ParsedMessageStream', () => {
  it('gives partials that are each a partial of the final output, the last equal to it, for any chunking (property)', async () => {
    await fc.assert(
      fc.asyncProperty(outputs, fc.array(fc.nat(), { maxLength: 16 }), fc.boolean(), async (value, points, asTool) => {
        const text = JSON.stringify(value);
        const tool = asTool ? 'structured_output' : undefined;
        const stream = ParsedMessageStream.withOutput(jsonFormat, (reader) => {
          reader.tool = tool;
          return Promise.resolve(sse(cut(text, points), tool));
        });
        const partials: unknown[] = [];
        stream.on('parsedOutput', (partial) => partials.push(structuredClone(partial)));
        const final = await stream.finalMessage();
        const expected: unknown = JSON.parse(text);
        expect(final.parsed_output).toEqual(expected);
        expect(partials.length).toBeGreaterThan(0);
        for (const partial of partials) expect(isPartialOf(partial, expected)).toBe(true);
        expect(partials.at(-1)).toEqual(expected);
      }),
      { numRuns: 1_000 },
    );
  });

  it('gives the same partials to partialOutputs() as to listeners', async () => {
    const text = JSON.stringify({ name: 'Ada Lovelace', langs: ['en', 'fr'], born: 1815 });
    const pieces = cut(text, [3, 9, 17, 25, 33, 41]);
    const listened: unknown[] = [];
    const iterated: unknown[] = [];
    const stream = ParsedMessageStream.withOutput(jsonFormat, () => Promise.resolve(sse(pieces)));
    const loop = (async () => {
      for await (const partial of stream.partialOutputs()) iterated.push(structuredClone(partial));
    })();
    stream.on('parsedOutput', (partial) => listened.push(structuredClone(partial)));
    await loop;
    expect(iterated).toEqual(listened);
    expect(iterated).toHaveLength(pieces.length);
    expect(iterated.slice(0, 3)).toEqual([{}, { name: '' }, { name: 'Ada Love' }]);
    expect(iterated.at(-1)).toEqual(JSON.parse(text));
  });

  it('fails finalMessage with OutputParseError, while finalText still gives the text', async () => {
    const stream = ParsedMessageStream.withOutput(jsonFormat, () => Promise.resolve(sse(['Sure! ', 'Here it is.'])));
    const wrapped = ParsedMessageStream.withOutput({ parse: (text) => jsonFormat.parse(text).catch((error: unknown) => Promise.reject(new OutputParseError({ reason: 'invalid_json', text, cause: error }))) }, () => Promise.resolve(sse(['Sure!'])));
    await expect(stream.finalMessage()).rejects.toThrow(SyntaxError);
    expect(await stream.finalText()).toBe('Sure! Here it is.');
    const error: unknown = await wrapped.finalMessage().catch((caught: unknown) => caught);
    expect(OutputParseError.isInstance(error) && error.reason).toBe('invalid_json');
    expect((error as OutputParseError).reply?.content[0]).toEqual({ type: 'text', text: 'Sure!' });
  });

  it('stops calling a once listener after its first partial, and an off listener at once', async () => {
    const stream = ParsedMessageStream.withOutput(jsonFormat, () => Promise.resolve(sse(['{"a":', '1,"b"', ':2}'])));
    const once: unknown[] = [];
    const removed: unknown[] = [];
    const listener = (partial: unknown) => removed.push(partial);
    stream.once('parsedOutput', (partial) => once.push(structuredClone(partial))).on('parsedOutput', listener).off('parsedOutput', listener);
    await stream.done();
    expect(once).toEqual([{}]);
    expect(removed).toEqual([]);
  });
});
