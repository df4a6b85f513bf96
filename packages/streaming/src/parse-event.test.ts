import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvent } from './parse-event.js';
import { readPlainDelta } from './plain-delta.js';

const line = (index: number, text: string, kind: 'text' | 'thinking' = 'text'): string =>
  JSON.stringify({ type: 'content_block_delta', index, delta: kind === 'text' ? { type: 'text_delta', text } : { type: 'thinking_delta', thinking: text } });

describe('parseEvent', () => {
  it('reads a text or thinking delta in Anthropic’s exact form without JSON.parse of the line, into the same object', () => {
    const texts = ['Hello, wörld 👋\u2028', 'two\nlines', 'say "hi"', 'back\\slash \t tab \u0001 \ud83d\ude80'];
    for (const data of [...texts.map((text, i) => line(i, text)), line(12, 'Let me think\n"quoted"', 'thinking')]) {
      expect(readPlainDelta(data)).toEqual(JSON.parse(data));
      expect(JSON.stringify(readPlainDelta(data))).toBe(data);
    }
  });

  it.each([
    ['an unescaped quote in the text', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a"b"}}'],
    ['a raw newline in the text', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\nb"}}'],
    ['a dangling backslash', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a\\"}}'],
    ['other spacing', '{"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "x"}}'],
    ['other key order', '{"index":0,"type":"content_block_delta","delta":{"type":"text_delta","text":"x"}}'],
    ['an extra field after the text', '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a","extra":"b"}}'],
    ['a leading zero', '{"type":"content_block_delta","index":01,"delta":{"type":"text_delta","text":"x"}}'],
    ['a fractional index', '{"type":"content_block_delta","index":1.5,"delta":{"type":"text_delta","text":"x"}}'],
    ['another delta type', '{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"x"}}'],
    ['a mismatched field name', '{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","text":"x"}}'],
  ])('leaves a line with %s to JSON.parse', (_what, data) => {
    expect(readPlainDelta(data)).toBeUndefined();
  });

  it('gives what JSON.parse gives for any text or thinking delta and any small change to one (property)', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\u0000', '\u2028', '}', 'é', '😀'), fc.string({ minLength: 1, maxLength: 1 })) });
    const edit = fc.tuple(fc.nat(), fc.constantFrom('', ' ', '"', '0', '}', ','));
    fc.assert(
      fc.property(fc.nat({ max: 2_000_000_000 }), text, fc.constantFrom('text' as const, 'thinking' as const), fc.option(edit), (index, content, kind, change) => {
        let data = line(index, content, kind);
        if (change !== null) {
          const at = change[0] % (data.length + 1);
          data = data.slice(0, at) + change[1] + data.slice(at);
        }
        let expected: unknown;
        try {
          expected = JSON.parse(data);
        } catch {
          expected = 'not JSON';
        }
        const plain = readPlainDelta(data);
        if (plain !== undefined) expect(plain).toEqual(expected);
        let actual: unknown;
        try {
          actual = parseEvent(undefined, data);
        } catch {
          actual = 'not JSON';
        }
        if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) expect(actual).toEqual(expected);
        else expect(actual).toBe('not JSON');
      }),
      { numRuns: 2_000 },
    );
  });

  it('takes the type from the event field when the JSON has none, and refuses what is not a JSON object', () => {
    expect(parseEvent('ping', '{}')).toEqual({ type: 'ping' });
    expect(parseEvent('ping', '{"type":"other"}')).toEqual({ type: 'other' });
    expect(() => parseEvent('x', '[1]')).toThrow('The stream sent data that is not a JSON object in a "x" event: "[1]"');
    expect(() => parseEvent(undefined, 'nope')).toThrow('The stream sent data that is not JSON: "nope"');
  });
});
