// JSON Lines (one JSON value per line) read from a byte stream as it arrives: only the
// line being assembled is held, whatever the size of the body. Web-standard code
// (ReadableStream, TextDecoder) with no tie to the SSE decoder: the two formats share
// nothing but the idea of a line.
import { APIConnectionError, APITimeoutError, JSONLineError, ParleyError } from '@parley/errors';

const EXCERPT = 200;

function parse(text: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new JSONLineError({ line, excerpt: text.slice(0, EXCERPT), cause: error });
  }
}

/** Settings of {@link readJSONLines}. */
export interface ReadJSONLinesOptions {
  /** The longest wait for the next chunk, in milliseconds, before failing with an `APITimeoutError` (none when absent). */
  idleTimeoutMs?: number;
}

/** The next chunk, or an `APITimeoutError` when none comes within `timeoutMs`; a broken connection becomes an `APIConnectionError`. */
function nextChunk(reader: ReadableStreamDefaultReader<Uint8Array>, timeoutMs: number | undefined): Promise<ReadableStreamReadResult<Uint8Array>> {
  const read = reader.read().catch((error: unknown) => {
    throw ParleyError.isInstance(error) ? error : new APIConnectionError({ message: 'The connection broke while the JSON Lines body was read.', cause: error });
  });
  if (timeoutMs === undefined || !Number.isFinite(timeoutMs)) return read;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new APITimeoutError({ timeoutMs, message: `No data for ${timeoutMs} ms while the JSON Lines body was read.` }));
    }, timeoutMs);
  });
  return Promise.race([read, timeout]).finally(() => {
    clearTimeout(timer);
  });
}

/**
 * Yields the JSON value of each line of `body`, in order. Lines end with `\n` or
 * `\r\n`; a last line without an ending counts; blank lines are skipped. A line that is
 * not JSON ends the iteration with a {@link JSONLineError} naming its number, after every
 * good line before it. Stopping early (a `break`), a failure or a timeout cancels the body.
 *
 * @example
 * for await (const row of readJSONLines<{ id: string }>(response.body)) console.log(row.id);
 */
export async function* readJSONLines<T>(body: ReadableStream<Uint8Array>, options: ReadJSONLinesOptions = {}): AsyncGenerator<T> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  let line = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await nextChunk(reader, options.idleTimeoutMs);
      if (done) {
        finished = true;
        break;
      }
      const text = rest + decoder.decode(value, { stream: true });
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        line++;
        // A `\r` before the `\n` is whitespace to JSON.parse; only a blank line needs it trimmed.
        if (end - start > 1 || (end - start === 1 && text.charCodeAt(start) !== 13)) yield parse(text.slice(start, end), line) as T;
        start = end + 1;
      }
      rest = start === 0 ? text : text.slice(start);
    }
    rest += decoder.decode();
    if (rest.trim() !== '') yield parse(rest, line + 1) as T;
  } finally {
    // After a break or an error the rest of the body is not wanted.
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
