import { readdirSync, readFileSync } from 'node:fs';
import type { Message } from '@parley/core';
import { APIError, ParleyError } from '@parley/errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accumulate } from './accumulate.js';
import { MessageStream } from './message-stream.js';
import { SSEDecoder } from './sse-decoder.js';
import { parseEvent } from './parse-event.js';

// Each transcript in __fixtures__ is a body exactly as it came over the wire; its
// .expected.json holds the event types a stream yields and the final message (or the
// error and the partial message) asserted in full.
const dir = new URL('./__fixtures__/', import.meta.url);
const names = readdirSync(dir)
  .filter((name) => name.endsWith('.sse'))
  .map((name) => name.slice(0, -'.sse'.length))
  .sort();

interface Expected {
  events: string[];
  message?: Message;
  finalText?: string;
  error?: { name: string; status: number; type: string };
  partialMessage?: Message;
}

const bytes = new Map(names.map((name) => [name, new Uint8Array(readFileSync(new URL(`${name}.sse`, dir)))]));
const bytesOf = (name: string): Uint8Array => bytes.get(name) ?? new Uint8Array();
const expectedOf = (name: string): Expected => JSON.parse(readFileSync(new URL(`${name}.expected.json`, dir), 'utf8')) as Expected;

/** Splits `bytes` into chunks whose sizes cycle through `sizes`. */
function split(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

async function* chunksOf(chunks: readonly Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

interface Outcome {
  events: unknown[];
  message?: Message;
  error?: unknown;
}

/** Runs the chunks through a MessageStream; the result is plain JSON, so two outcomes compare with toEqual. */
async function run(chunks: readonly Uint8Array[]): Promise<Outcome> {
  const stream = MessageStream.fromReadableStream(chunksOf(chunks));
  const events: unknown[] = [];
  try {
    for await (const event of stream) events.push(event);
    return { events, message: JSON.parse(JSON.stringify(await stream.finalMessage())) as Message };
  } catch (error) {
    const partial = ParleyError.isInstance(error) ? error.partialMessage : undefined;
    return { events, error: { name: (error as Error).name, partial: JSON.parse(JSON.stringify(partial ?? null)) as unknown } };
  }
}

/**
 * The synchronous core on its own (byte decoder, event parsing, reducer), which is all
 * that chunking can affect: fast enough for thousands of splits.
 */
function fold(chunks: readonly Uint8Array[]): string {
  const frames: unknown[] = [];
  let message: Message | undefined;
  let failed = false;
  const decoder = new SSEDecoder({
    frame(name, data) {
      frames.push({ name, data });
      const event = parseEvent(name, data);
      if (event.type === 'error') failed = true;
      else if (!failed && (message !== undefined || event.type === 'message_start')) message = accumulate(message, event);
    },
  });
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  // As JSON text: thousands of comparisons of one string are far cheaper than deep equality.
  return JSON.stringify({ frames, message: message ?? null });
}

describe('SSE fixtures', () => {
  it('has a transcript and an expected result for every case of the issue', () => {
    expect(names).toEqual([
      'citation-kinds',
      'citations',
      'code-execution',
      'comments-pings',
      'cr',
      'crlf',
      'llama-parallel',
      'max-tokens-tool',
      'multiline-data',
      'no-event-lines',
      'no-final-blank-line',
      'overloaded',
      'pause-turn',
      'text',
      'thinking',
      'tool-use',
      'unknown',
      'unknown-server-block',
      'web-search',
    ]);
  });

  describe.each(names)('%s', (name) => {
    const expected = expectedOf(name);

    it('gives the expected events and final message', async () => {
      const stream = MessageStream.fromReadableStream(chunksOf([bytesOf(name)]));
      const types: string[] = [];
      const failure = await (async () => {
        for await (const event of stream) types.push(event.type);
      })().then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(types).toEqual(expected.events);
      expect(failure === undefined).toBe(expected.error === undefined);
      if (expected.message === undefined) return;
      const message = await stream.finalMessage();
      expect(message).toEqual(expected.message);
      // The accessor that served each tool input while it streamed is gone: the snapshot is plain data.
      expect(message.content.filter((block) => Object.getOwnPropertyDescriptor(block, 'input')?.get !== undefined)).toEqual([]);
      expect(JSON.parse(JSON.stringify(message))).toEqual(expected.message);
      if (expected.finalText !== undefined) expect(await stream.finalText()).toBe(expected.finalText);
    });

    if (expected.error !== undefined) {
      const { name: errorName, status, type } = expected.error;
      it('fails with the typed error, carrying the partial message', async () => {
        const stream = MessageStream.fromReadableStream(chunksOf([bytesOf(name)]));
        const error = await stream.finalMessage().then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(APIError.isInstance(error)).toBe(true);
        const apiError = error as APIError;
        expect(apiError.name).toBe(errorName);
        expect(apiError.status).toBe(status);
        expect(apiError.type).toBe(type);
        expect(apiError.partialMessage).toEqual(expected.partialMessage);
      });
    }

    it('gives the same events and message when split into one-byte chunks', async () => {
      const bytes = bytesOf(name);
      expect(await run(split(bytes, [1]))).toEqual(await run([bytes]));
    });
  });

  // Chunk size patterns: tiny chunks (down to one byte) that split every line, field and
  // character, and larger ones that split frames now and then.
  const sizes = fc.oneof(
    fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 8 }),
    fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 30 }),
  );

  it('decodes and accumulates to the same events and message however the bytes are split (property)', () => {
    const wholes = new Map(names.map((name) => [name, fold([bytesOf(name)])]));
    fc.assert(
      fc.property(fc.constantFrom(...names), sizes, (name, pattern) => {
        expect(fold(split(bytesOf(name), pattern))).toBe(wholes.get(name));
      }),
      { numRuns: 8_000 },
    );
  });

  it('streams the same events and message however the bytes are split (property)', async () => {
    const wholes = new Map(await Promise.all(names.map(async (name) => [name, await run([bytesOf(name)])] as const)));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), sizes, async (name, pattern) => {
        expect(await run(split(bytesOf(name), pattern))).toEqual(wholes.get(name));
      }),
      { numRuns: 2_000 },
    );
  });
});
