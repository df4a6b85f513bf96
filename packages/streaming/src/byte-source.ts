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
  if (isReadableStream(body)) {
    const reader = body.getReader();
    return {
      read: () => reader.read(),
      cancel: (reason) => reader.cancel(reason).catch(ignore),
    };
  }
  const iterator = body[Symbol.asyncIterator]();
  return {
    read: () => iterator.next(),
    cancel: async () => {
      try {
        await iterator.return?.();
      } catch {
        // The body is being abandoned; its own failure to stop is not the caller's error.
      }
    },
  };
}

function isReadableStream(body: ByteBody): body is ReadableStream<Uint8Array> {
  return typeof (body as Partial<ReadableStream>).getReader === 'function';
}

function ignore(): void {
  // Cancelling an already failed or closed body may reject; nothing is lost by ignoring it.
}
