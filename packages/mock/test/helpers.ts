// Small helpers shared by the mock's tests: request bodies and raw byte reading.
import { connect } from 'node:net';

export const MODEL = 'claude-opus-4-5-20251101';

/** A minimal valid message request. */
export function messageBody(text = 'Hello, Claude!', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: text }], ...extra };
}

/** POSTs JSON to `url` with optional extra headers (a fault, a key). */
export function postJSON(url: string, body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });
}

/** The `x-mock-fault` header for a fault. */
export function fault(value: object): Record<string, string> {
  return { 'x-mock-fault': JSON.stringify(value) };
}

/** Every chunk a body stream yields, in order. */
export async function readChunks(body: ReadableStream<Uint8Array> | null): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  if (!body) return chunks;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

/** Parsed JSON, loosely typed for assertions. */
export type Json = ReturnType<typeof JSON.parse>;

/** The SSE event names of a stream body, in order. */
export function eventNames(sse: string): string[] {
  return [...sse.matchAll(/^event: (.+)$/gm)].map((match) => match[1] ?? '');
}

/** The data of each SSE event, parsed. */
export function eventData(sse: string): Json[] {
  return [...sse.matchAll(/^data: (.+)$/gm)].map((match): Json => JSON.parse(match[1] ?? 'null'));
}

/** A raw HTTP/1.1 exchange over a socket: everything the server sent until it closed the connection. */
export function rawExchange(url: string, request: string): Promise<{ raw: Buffer; error: Error | undefined }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    let error: Error | undefined;
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', (cause) => {
      error = cause;
    });
    socket.on('close', () => { resolve({ raw: Buffer.concat(received), error }); });
    socket.write(request);
  });
}

/** A POST request as raw HTTP/1.1 text, closing the connection after the response. */
export function rawPost(path: string, body: unknown, headers: Record<string, string> = {}): string {
  const json = JSON.stringify(body);
  const lines = [
    `POST ${path} HTTP/1.1`,
    'host: 127.0.0.1',
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(json)}`,
    'connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join('\r\n')}\r\n\r\n${json}`;
}

/** The sizes of the HTTP/1.1 chunks in a raw chunked response body, and the body they carry. */
export function parseChunked(raw: Buffer): { head: string; sizes: number[]; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.subarray(0, split).toString('latin1');
  let rest = raw.subarray(split + 4);
  const sizes: number[] = [];
  const parts: Buffer[] = [];
  for (;;) {
    const eol = rest.indexOf('\r\n');
    if (eol < 0) break;
    const size = parseInt(rest.subarray(0, eol).toString('latin1'), 16);
    if (size === 0) break;
    sizes.push(size);
    parts.push(rest.subarray(eol + 2, eol + 2 + size));
    rest = rest.subarray(eol + 2 + size + 2);
  }
  return { head, sizes, body: Buffer.concat(parts).toString('utf8') };
}
