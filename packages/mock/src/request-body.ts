// Reads a request body without ever holding more than the size limit in memory.

/** The body text, or `undefined` when it is over `limit` bytes. */
export async function readBody(request: Request, limit: number): Promise<string | undefined> {
  if (!request.body) return '';
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) {
    await request.body.cancel().catch(() => undefined);
    return undefined;
  }
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** A body as recorded: parsed JSON, the raw text when it is not JSON, undefined when empty or too large. */
export function recordedBody(text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
