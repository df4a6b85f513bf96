import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSONLineError } from '@parley/errors';
import { readJSONLines } from './read-json-lines.js';

const encoder = new TextEncoder();

/** `bytes` cut at the given offsets, as a stream delivers it. */
function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.slice(start, point));
    start = point;
  }
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<{ values: unknown[]; error: unknown }> {
  const values: unknown[] = [];
  try {
    for await (const value of readJSONLines(body)) values.push(value);
    return { values, error: undefined };
  } catch (error) {
    return { values, error };
  }
}

// A result line as the API writes it: any JSON (with text in any script, emoji included).
const result = fc.record({
  custom_id: fc.stringMatching(/^[a-zA-Z0-9_-]{1,64}$/),
  result: fc.oneof(
    fc.record({ type: fc.constant('succeeded'), message: fc.record({ id: fc.string(), content: fc.array(fc.record({ type: fc.constant('text'), text: fc.string({ unit: 'grapheme' }) })) }) }),
    fc.record({ type: fc.constant('errored'), error: fc.jsonValue() }),
    fc.constant({ type: 'canceled' }),
    fc.constant({ type: 'expired' }),
  ),
});

describe('readJSONLines', () => {
  it('yields exactly the lines\' values, whatever the chunking, line endings and final newline', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(result, { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        async (results, cuts, ending, finalNewline) => {
          const text = results.map((value) => JSON.stringify(value)).join(ending) + (finalNewline && results.length > 0 ? ending : '');
          const { values, error } = await readAll(streamOf(encoder.encode(text), cuts));
          expect(error).toBeUndefined();
          expect(values).toEqual(JSON.parse(JSON.stringify(results)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('fails at a malformed line with its number, after every good line before it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(result, { minLength: 0, maxLength: 10 }), fc.array(fc.nat(), { maxLength: 20 }), fc.boolean(), async (good, cuts, trailing) => {
        const lines = [...good.map((value) => JSON.stringify(value)), '{"custom_id": broken', ...(trailing ? ['{"custom_id":"after"}'] : [])];
        const { values, error } = await readAll(streamOf(encoder.encode(lines.join('\n')), cuts));
        expect(values).toEqual(JSON.parse(JSON.stringify(good)));
        expect(JSONLineError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ name: 'JSONLineError', line: good.length + 1, message: expect.stringContaining('{"custom_id": broken') as unknown });
      }),
      { numRuns: 1000 },
    );
  });

  it('skips blank lines and counts them in line numbers', async () => {
    const { values, error } = await readAll(streamOf(encoder.encode('{"a":1}\n\r\n\n{"a":2}\nnope'), [3, 9]));
    expect(values).toEqual([{ a: 1 }, { a: 2 }]);
    expect(error).toMatchObject({ line: 5 });
  });

  it('cancels the body when the reader stops early', async () => {
    let canceled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode('{"n":1}\n'));
      },
      cancel() {
        canceled = true;
      },
    });
    for await (const _ of readJSONLines(body)) break;
    expect(canceled).toBe(true);
  });
});

describe('readJSONLines failures', () => {
  it('fails with an APITimeoutError when the next chunk does not come in time, canceling the body', async () => {
    let canceled = false;
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) controller.enqueue(encoder.encode('{"n":1}\n'));
        sent = true;
        // Then silence: the next pull never enqueues.
      },
      cancel() {
        canceled = true;
      },
    });
    const values: unknown[] = [];
    const reading = async () => {
      for await (const value of readJSONLines(body, { idleTimeoutMs: 30 })) values.push(value);
    };
    await expect(reading()).rejects.toMatchObject({ name: 'APITimeoutError', timeoutMs: 30 });
    expect(values).toEqual([{ n: 1 }]);
    expect(canceled).toBe(true);
  });

  it('turns a broken connection into an APIConnectionError after the lines before it', async () => {
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (step++ === 0) controller.enqueue(encoder.encode('{"n":1}\n{"n":'));
        else controller.error(new TypeError('terminated'));
      },
    });
    const values: unknown[] = [];
    const reading = async () => {
      for await (const value of readJSONLines(body)) values.push(value);
    };
    await expect(reading()).rejects.toMatchObject({ name: 'APIConnectionError', cause: { message: 'terminated' } });
    expect(values).toEqual([{ n: 1 }]);
  });
});
