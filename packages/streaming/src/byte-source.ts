/** A body of bytes: a web `ReadableStream` (a fetch `Response.body`) or any async iterable of chunks. */
export type ByteBody = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

/** The two operations the decoders need from a body, whatever its kind. */
export interface ByteSource {
  read(): Promise<{ done?: boolean; value?: Uint8Array | undefined }>;
  /** Stops the body; never rejects. */
  cancel(reason?: unknown): Promise<void>;
}

/** Opens a body for reading: a stream through its reader (which locks it), an iterable through its iterator. */
export function openByteSource(body: ByteBody): ByteSource {
  return new Source(body);
}

// A class, not an object of closures: the read loop's optimized code calls `read` shared
// by every stream rather than one that dies with a stream (and takes that code with it).
class Source implements ByteSource {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array> | AsyncIterator<Uint8Array>;
  readonly #stream: boolean;

  constructor(body: ByteBody) {
    this.#stream = isReadableStream(body);
    this.#reader = isReadableStream(body) ? body.getReader() : body[Symbol.asyncIterator]();
  }

  read(): Promise<{ done?: boolean; value?: Uint8Array | undefined }> {
    return this.#stream ? (this.#reader as ReadableStreamDefaultReader<Uint8Array>).read() : (this.#reader as AsyncIterator<Uint8Array>).next();
  }

  async cancel(reason?: unknown): Promise<void> {
    try {
      await (this.#stream ? (this.#reader as ReadableStreamDefaultReader<Uint8Array>).cancel(reason) : (this.#reader as AsyncIterator<Uint8Array>).return?.());
    } catch {
      // Cancelling a body that already failed may reject, and a body being abandoned may
      // fail to stop: neither is the caller's error.
    }
  }
}

function isReadableStream(body: ByteBody): body is ReadableStream<Uint8Array> {
  return typeof (body as Partial<ReadableStream>).getReader === 'function';
}
