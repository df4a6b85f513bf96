import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PartialJSON } from './partial-json.js';
import { PartialJSONError } from './partial-json-error.js';

// Values read only to drive the incremental parser.
const reads: unknown[] = [];

function valuesAfterEach(chunks: string[]): unknown[] {
  const json = new PartialJSON();
  return chunks.map((chunk) => {
    json.push(chunk);
    return structuredClone(json.value);
  });
}

function finishError(text: string): PartialJSONError {
  const json = new PartialJSON();
  json.push(text);
  try {
    json.finish();
  } catch (error) {
    if (PartialJSONError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`finish() accepted ${JSON.stringify(text)}`);
}

describe('PartialJSON', () => {
  it('is undefined before any value has begun', () => {
    const json = new PartialJSON();
    expect(json.value).toBeUndefined();
    json.push('  ');
    expect(json.value).toBeUndefined();
    expect(json.text).toBe('  ');
  });

  it('gives the value parsed so far after every chunk', () => {
    expect(valuesAfterEach(['{"ci', 'ty": "Os', 'lo", "days": [1', ', 2', '], "ok": tr', 'ue, "n": nu', 'll}'])).toEqual([
      {},
      { city: 'Os' },
      { city: 'Oslo', days: [] },
      { city: 'Oslo', days: [1] },
      { city: 'Oslo', days: [1, 2] },
      { city: 'Oslo', days: [1, 2], ok: true },
      { city: 'Oslo', days: [1, 2], ok: true, n: null },
    ]);
  });

  it('grows one live structure in place', () => {
    const json = new PartialJSON();
    json.push('{"a": {"b": [');
    const root = json.value as { a: { b: unknown[] } };
    const inner = root.a.b;
    json.push('"x", {"c": 1}]}, "d": "e"}');
    expect(json.value).toBe(root);
    expect(root.a.b).toBe(inner);
    expect(json.finish()).toBe(root);
    expect(root).toEqual({ a: { b: ['x', { c: 1 }] }, d: 'e' });
  });

  it('decodes escapes split anywhere, surrogate pairs included', () => {
    const text = '{"s": "a\\n\\"\\\\\\/\\b\\f\\r\\t\\u00e9\\ud83d\\ude00z"}';
    for (let i = 1; i < text.length; i++) {
      const json = new PartialJSON();
      json.push(text.slice(0, i));
      expect(json.value).toBeTypeOf('object');
      json.push(text.slice(i));
      expect(json.finish()).toEqual(JSON.parse(text));
    }
  });

  it('parses numbers only once they are complete, and a number at the root at the end', () => {
    expect(valuesAfterEach(['[-1', '2.5', 'e', '+3', ']'])).toEqual([[], [], [], [], [-12.5e3]]);
    const json = new PartialJSON();
    json.push('4');
    json.push('2');
    expect(json.value).toBeUndefined();
    expect(json.finish()).toBe(42);
  });

  it('parses strings and literals at the root', () => {
    const json = new PartialJSON();
    json.push('"ab');
    expect(json.value).toBe('ab');
    json.push('c"');
    expect(json.finish()).toBe('abc');
  });

  it('makes __proto__ an own key, as JSON.parse does, never the prototype', () => {
    const text = '{"__proto__": {"polluted": true}, "a": 1}';
    const json = new PartialJSON();
    json.push(text.slice(0, 20));
    expect(Object.keys(json.value as object)).toEqual(['__proto__']);
    json.push(text.slice(20));
    const value = json.finish() as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports invalid JSON with its position, keeping the raw text', () => {
    const error = finishError('{"a": 1, "b": tru3}');
    expect(error.reason).toBe('invalid');
    expect(error.position).toBe(17);
    expect(error.found).toBe('3');
    expect(error.text).toBe('{"a": 1, "b": tru3}');
    expect(error.message).toBe('Invalid JSON at position 17: found "3" where "true" was expected (near "{\\"a\\": 1, \\"b\\": tru3}").');
  });

  it.each([
    ['{"a" 1}', 5, '":"'],
    ['{"a": 01}', 7, 'a digit'],
    ['[1,]', 3, 'a value'],
    ['{"a": 1,}', 8, 'a key'],
    ['{"a": 1} x', 9, 'the end of the text'],
    ['"a\u0001"', 2, 'no control character in a string'],
    ['"\\x"', 2, 'an escape character'],
    ['"\\u12g4"', 5, 'a hex digit'],
    ['[1.e5]', 3, 'a digit'],
    ['{1: 2}', 1, 'a key or "}"'],
    ['[1 2]', 3, '"," or "]"'],
  ])('rejects %j at position %i (expected %s)', (text, position, expected) => {
    const error = finishError(text);
    expect([error.reason, error.position, error.expected]).toEqual(['invalid', position, expected]);
  });

  it('tells text cut short and empty text apart from invalid text', () => {
    expect(finishError('{"a": [1, {"b": "c').reason).toBe('incomplete');
    expect(finishError('{"a": tr').reason).toBe('incomplete');
    expect(finishError(' \n').reason).toBe('empty');
    expect(finishError('').reason).toBe('empty');
  });

  it('keeps the value as it was before a syntax error', () => {
    const json = new PartialJSON();
    json.push('{"a": 1, "b": [2, x');
    expect(json.value).toEqual({ a: 1, b: [2] });
    json.push(', 3]}');
    expect(json.value).toEqual({ a: 1, b: [2] });
    expect(() => json.finish()).toThrow(PartialJSONError);
  });

  it('refuses text after finish()', () => {
    const json = new PartialJSON();
    json.push('{}');
    expect(json.finish()).toEqual({});
    expect(() => {
      json.push('x');
    }).toThrow('after finish()');
  });

  it('agrees with JSON.parse on any JSON, however split and however often read (property)', () => {
    const cuts = fc.array(fc.nat(), { maxLength: 12 });
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), cuts, fc.boolean(), (value, pretty, points, read) => {
        const text = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
        const sorted = [...new Set(points.map((point) => point % (text.length + 1)))].sort((a, b) => a - b);
        const json = new PartialJSON();
        let start = 0;
        for (const point of [...sorted, text.length]) {
          json.push(text.slice(start, point));
          start = point;
          if (read) reads.push(json.value);
        }
        expect(json.finish()).toEqual(JSON.parse(text));
      }),
      { numRuns: 1_500 },
    );
  });

  it('never calls a prefix of valid JSON invalid, and its partial value is a prefix of the final one (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, at) => {
        const text = JSON.stringify(value);
        const cut = at % (text.length + 1);
        const json = new PartialJSON();
        json.push(text.slice(0, cut));
        const partial = structuredClone(json.value);
        if (cut < text.length) expect(() => json.finish()).not.toThrow(expect.objectContaining({ reason: 'invalid' }));
        if (typeof value === 'object' && value !== null && partial !== undefined) {
          expect(Array.isArray(partial)).toBe(Array.isArray(value));
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('rejects what JSON.parse rejects (property)', () => {
    const unit = fc.constantFrom('{', '}', '[', ']', ':', ',', '"', '\\', 'a', 'u', '1', '0', '-', '.', 'e', 't', 'r', 'n', ' ', '\u0001');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), (text) => {
        let expected: unknown;
        try {
          expected = { value: JSON.parse(text) as unknown };
        } catch {
          expected = 'error';
        }
        // Read the value first, so the state machine (not JSON.parse) does the whole parse.
        const json = new PartialJSON();
        json.push(text);
        reads.push(json.value);
        let actual: unknown;
        try {
          actual = { value: json.finish() };
        } catch (error) {
          expect(PartialJSONError.isInstance(error)).toBe(true);
          actual = 'error';
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 2_000 },
    );
  });
});
