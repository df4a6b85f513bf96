// Server-sent events as Anthropic writes them, cut into chunks of bytes as a network would.

const encoder = new TextEncoder();

/** One event as an SSE frame: `event:` line, one `data:` line, blank line. */
export function frame(event: { readonly type: string; readonly [field: string]: unknown }): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * Cuts `text` encoded as UTF-8 into chunks of `size` bytes (the last one shorter). Each
 * cuts fall anywhere, inside a multi-byte character or a line end too, as they do on the
 * wire.
 */
export function chunkBytes(text: string, size: number): Uint8Array[] {
  const bytes = encoder.encode(text);
  const chunks: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) chunks.push(bytes.slice(start, start + size));
  return chunks;
}

/** Total length in bytes of `chunks`. */
export function byteLength(chunks: readonly Uint8Array[]): number {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  return total;
}
