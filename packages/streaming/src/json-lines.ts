import type { MessageStreamEvent } from '@parley/core';
import { APIError } from '@parley/errors';

/**
 * Writes the next event as one JSON line (a JSON event and a `\n`), the format the
 * official SDK's `toReadableStream` writes, so either side can be Parley or the official
 * SDK; closes the byte stream after the last. A stream that fails with an API error (an
 * `error` event from the server) ends with that error as an `error` event line, so the
 * reader fails with the same error class; any other failure errors the byte stream.
 * Loaded with the first pull of `MessageStream.toReadableStream()`.
 */
export async function pullJSONLine(events: AsyncIterator<MessageStreamEvent>, controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
  try {
    const result = await events.next();
    if (result.done === true) controller.close();
    else controller.enqueue(encoder.encode(`${JSON.stringify(result.value)}\n`));
  } catch (error) {
    if (!APIError.isInstance(error) || error.type === undefined) {
      controller.error(error);
      return;
    }
    // The server's own message when the body has one, rather than the formatted one.
    const message = (error.body as { error?: { message?: unknown } } | undefined)?.error?.message;
    const line = { type: 'error', error: { type: error.type, message: typeof message === 'string' ? message : error.message } };
    controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
    controller.close();
  }
}

const encoder = new TextEncoder();
