// Watches the server-sent events of a streamed reply as the client reads them, without
// changing a byte: the span of a stream ends when its body does (read to the end,
// cancelled, or broken), with what the events said.

/** What a tap reports. */
export interface TapSink {
  /** The JSON text of one `data:` line. */
  data(json: string): void;
  /** The body ended: `error` when it broke or was cancelled (then `cancelled` is true). */
  end(error?: unknown, cancelled?: boolean): void;
}

/** A copy of `body` that reports each event's data to `sink` as it is read. */
export function tapEvents(body: ReadableStream<Uint8Array>, sink: TapSink): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  let ended = false;
  const end = (error?: unknown, cancelled?: boolean) => {
    if (ended) return;
    ended = true;
    sink.end(error, cancelled);
  };
  const scan = (text: string) => {
    pending += text;
    let start = 0;
    for (let newline = pending.indexOf('\n'); newline !== -1; newline = pending.indexOf('\n', start)) {
      const line = pending.slice(start, pending[newline - 1] === '\r' ? newline - 1 : newline);
      start = newline + 1;
      if (line.startsWith('data:')) sink.data(line.slice(5).trimStart());
    }
    pending = pending.slice(start);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) {
          scan(decoder.decode() + '\n');
          end();
          controller.close();
          return;
        }
        scan(decoder.decode(value, { stream: true }));
        controller.enqueue(value);
      } catch (error) {
        end(error);
        controller.error(error);
      }
    },
    cancel(reason) {
      end(reason, true);
      return reader.cancel(reason);
    },
  });
}
