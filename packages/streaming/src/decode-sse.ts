import { type ByteBody, openByteSource } from './byte-source.js';
import { SSEDecoder } from './sse-decoder.js';

/** One dispatched server-sent event. */
export interface SSEFrame {
  /** The `event:` field, or undefined when the frame had none (relays often leave it out). */
  event?: string;
  /** The `data:` lines, joined with `\n`. */
  data: string;
  /** The last event ID so far (an `id:` field persists across later frames, as in `EventSource`). */
  id?: string;
  /** The reconnection time in ms most recently set by a `retry:` field, if any. */
  retry?: number;
}

/**
 * Decodes a body of server-sent events into frames, following the WHATWG event-stream
 * rules: LF, CR and CRLF line ends (also a CR and a LF split across two chunks), a
 * leading BOM, comment lines, `event`, multi-line `data`, `id` and `retry`. Text is
 * decoded with one streaming `TextDecoder`, so a character split across chunks comes out
 * whole; only CR and LF end lines, so U+2028 inside JSON stays data.
 *
 * One deliberate difference from `EventSource`: a last frame that ends with the body
 * instead of a blank line is dispatched, not discarded, because a relay that leaves out
 * the final blank line would otherwise lose its last event (`message_stop`).
 *
 * Stopping the iteration early (a `break`) cancels the body.
 *
 * @example
 * ```ts
 * const response = await fetch(url, { method: 'POST', headers, body });
 * for await (const frame of decodeSSE(response.body!)) {
 *   console.log(frame.event, JSON.parse(frame.data));
 * }
 * ```
 */
export async function* decodeSSE(body: ByteBody): AsyncGenerator<SSEFrame, void, undefined> {
  const source = openByteSource(body);
  const frames: SSEFrame[] = [];
  const decoder = new SSEDecoder({
    frame(event, data) {
      frames.push(toFrame(event, data, decoder.parser.lastEventId, decoder.parser.retry));
    },
  });
  let finished = false;
  try {
    for (;;) {
      const result = await source.read();
      if (result.done) break;
      if (result.value) decoder.push(result.value);
      for (const frame of frames) yield frame;
      frames.length = 0;
    }
    decoder.end();
    finished = true;
    yield* frames;
  } finally {
    if (!finished) await source.cancel();
  }
}

function toFrame(event: string | undefined, data: string, id: string, retry: number | undefined): SSEFrame {
  const frame: SSEFrame = { data };
  if (event !== undefined) frame.event = event;
  if (id !== '') frame.id = id;
  if (retry !== undefined) frame.retry = retry;
  return frame;
}
