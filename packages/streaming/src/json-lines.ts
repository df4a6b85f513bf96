import type { MessageStreamEvent } from '@parley/core';
import { APIError } from '@parley/errors';

/**
 * Encodes events as JSON lines (one JSON event and a `\n` per line), the format the
 * official SDK's `toReadableStream` writes, so either side can be Parley or the official
 * SDK. A stream that fails with an API error (an `error` event from the server) ends with
 * that error as an `error` event line, so the reader fails with the same error class;
 * any other failure errors the byte stream.
 */
export function eventsToJSONLines(events: AsyncIterator<MessageStreamEvent>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
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
    },
    async cancel() {
      await events.return?.();
    },
  });
}

