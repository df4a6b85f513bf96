import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSSE, type SSEFrame } from './decode-sse.js';
import { SSEParser } from './sse-parser.js';

const encoder = new TextEncoder();

async function* chunks(...parts: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) yield typeof part === 'string' ? encoder.encode(part) : part;
}

async function decode(...parts: (string | Uint8Array)[]): Promise<SSEFrame[]> {
  const frames: SSEFrame[] = [];
  for await (const frame of decodeSSE(chunks(...parts))) frames.push(frame);
  return frames;
}

describe('decodeSSE', () => {
  it('decodes event and data fields, one frame per blank line', async () => {
    expect(await decode('event: a\ndata: {"x":1}\n\nevent: b\ndata: 2\n\n')).toEqual([
      { event: 'a', data: '{"x":1}' },
      { event: 'b', data: '2' },
    ]);
  });

  it('accepts LF, CR and CRLF line ends, mixed in one body', async () => {
    expect(await decode('data: 1\r\n\r\ndata: 2\r\rdata: 3\n\ndata: 4\r\n\n')).toEqual([
      { data: '1' },
      { data: '2' },
      { data: '3' },
      { data: '4' },
    ]);
  });

  it('treats a CR at the end of one chunk and a LF at the start of the next as one line end', async () => {
    expect(await decode('data: 1\r', '\ndata: 2\r', '\n\r', '\n')).toEqual([{ data: '1\n2' }]);
  });

  it('keeps a CR chunk followed by a chunk without LF as its own line end', async () => {
    expect(await decode('data: 1\r', 'data: 2\r', '\r')).toEqual([{ data: '1\n2' }]);
  });

  it('drops a leading BOM, even one split across chunks, and only at the start', async () => {
    const bom = encoder.encode('\uFEFF');
    expect(await decode(bom.subarray(0, 1), bom.subarray(1), 'data: 1\n\n')).toEqual([{ data: '1' }]);
    expect(await decode('data: \uFEFFx\n\n')).toEqual([{ data: '\uFEFFx' }]);
  });

  it('skips comments, and fields it does not know', async () => {
    expect(await decode(': hello\n:\nfoo: bar\nevent: x\n: mid-frame comment\ndata: 1\n\n')).toEqual([{ event: 'x', data: '1' }]);
  });

  it('joins multi-line data with LF and strips one space after the colon only', async () => {
    expect(await decode('data: a\ndata:b\ndata:  c\ndata\ndata:\n\n')).toEqual([{ data: 'a\nb\n c\n\n' }]);
  });

  it('does not dispatch a frame without data, and forgets its event name', async () => {
    expect(await decode('event: lonely\n\ndata: 1\n\n')).toEqual([{ data: '1' }]);
  });

  it('dispatches a frame whose only data line is empty', async () => {
    expect(await decode('event: e\ndata\n\n')).toEqual([{ event: 'e', data: '' }]);
  });

  it('keeps the last event id across frames and ignores ids containing NUL', async () => {
    expect(await decode('id: 7\ndata: a\n\ndata: b\n\nid: 8\0\ndata: c\n\nid\ndata: d\n\n')).toEqual([
      { data: 'a', id: '7' },
      { data: 'b', id: '7' },
      { data: 'c', id: '7' },
      { data: 'd' },
    ]);
  });

  it('reports the reconnection time of valid retry fields only', async () => {
    expect(await decode('retry: 3000\ndata: a\n\nretry: soon\ndata: b\n\n')).toEqual([
      { data: 'a', retry: 3000 },
      { data: 'b', retry: 3000 },
    ]);
  });

  it('dispatches a last frame that ends with the body instead of a blank line', async () => {
    expect(await decode('data: 1\n\nevent: message_stop\ndata: {"type":"message_stop"}')).toEqual([
      { data: '1' },
      { event: 'message_stop', data: '{"type":"message_stop"}' },
    ]);
    expect(await decode('data: 1\n')).toEqual([{ data: '1' }]);
  });

  it('keeps U+2028 and U+2029 inside data, as only CR and LF end lines', async () => {
    expect(await decode('data: {"t":"a\u2028b\u2029c"}\n\n')).toEqual([{ data: '{"t":"a\u2028b\u2029c"}' }]);
  });

  it('decodes multibyte characters split across chunks', async () => {
    const bytes = encoder.encode('data: 日本😀é\n\n');
    const parts = Array.from(bytes, (byte) => new Uint8Array([byte]));
    expect(await decode(...parts)).toEqual([{ data: '日本😀é' }]);
  });

  it('reads a web ReadableStream and cancels it when the loop stops early', async () => {
    let cancelled: unknown = 'not cancelled';
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('data: 1\n\ndata: 2\n\n'));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const seen: string[] = [];
    for await (const frame of decodeSSE(body)) {
      seen.push(frame.data);
      break;
    }
    expect(seen).toEqual(['1']);
    expect(cancelled).toBeUndefined();
  });

  it('passes on the error of a body that fails', async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield encoder.encode('data: 1\n\n');
      throw new TypeError('terminated');
    }
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const frame of decodeSSE(failing())) seen.push(frame.data);
      })(),
    ).rejects.toThrow('terminated');
    expect(seen).toEqual(['1']);
  });

  it('gives the same frames however the text is split (property)', () => {
    const field = fc.constantFrom('data', 'event', 'id', 'retry', ': comment', 'data:', 'x');
    const value = fc.string({ unit: fc.constantFrom('a', 'é', '😀', ' ', ':', '\u2028', '1') });
    const eol = fc.constantFrom('\n', '\r', '\r\n');
    const line = fc.tuple(field, value, eol).map(([name, text, end]) => `${name}: ${text}${end}`);
    const body = fc.array(fc.oneof(line, eol), { maxLength: 30 }).map((lines) => lines.join(''));
    const parse = (parts: string[]): string[] => {
      const frames: string[] = [];
      const parser = new SSEParser({ frame: (event, data) => frames.push(JSON.stringify([event, data, parser.lastEventId, parser.retry])) });
      for (const part of parts) parser.push(part);
      parser.end();
      return frames;
    };
    fc.assert(
      fc.property(body, fc.array(fc.nat(), { maxLength: 10 }), (text, cuts) => {
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const parts = [0, ...points].map((start, i) => text.slice(start, points[i] ?? text.length));
        expect(parse(parts)).toEqual(parse([text]));
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('SSEParser with JSON lines allowed', () => {
  it('reads a body whose first line is a JSON object as JSON lines', () => {
    const frames: [string | undefined, string][] = [];
    const parser = new SSEParser({ frame: (event, data) => frames.push([event, data]) }, { jsonLines: true });
    parser.push('\n{"type":"a"}\r\n{"type":');
    parser.push('"b"}\n\n{"type":"c"}');
    parser.end();
    expect(frames).toEqual([
      [undefined, '{"type":"a"}'],
      [undefined, '{"type":"b"}'],
      [undefined, '{"type":"c"}'],
    ]);
  });

  it('still reads server-sent events', () => {
    const frames: [string | undefined, string][] = [];
    const parser = new SSEParser({ frame: (event, data) => frames.push([event, data]) }, { jsonLines: true });
    parser.push(': hi\n\nevent: e\ndata: {"type":"e"}\n\n');
    parser.end();
    expect(frames).toEqual([['e', '{"type":"e"}']]);
  });
});
