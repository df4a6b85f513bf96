// A reply before it becomes a Response: status, headers and the body as pieces (one
// per SSE event, or one for a whole JSON body), so faults can act on event boundaries.
import { errorBody, errorTypeForStatus } from './error-body.js';
import { encodeEvent, type StreamEvent } from './sse.js';

/** A reply the handler has decided on, before faults and latency are applied. */
export interface Reply {
  status: number;
  headers: Headers;
  /** The body: one piece per SSE event, or a single piece. */
  pieces: Uint8Array[];
  /** True when the pieces are SSE events. */
  sse: boolean;
}

const encoder = new TextEncoder();

/** A JSON reply. */
export function jsonReply(status: number, value: unknown): Reply {
  return {
    status,
    headers: new Headers({ 'content-type': 'application/json' }),
    pieces: [encoder.encode(JSON.stringify(value))],
    sse: false,
  };
}

/** A reply with a body sent as is; `<`-led text is served as HTML (a proxy's error page). */
export function textReply(status: number, text: string): Reply {
  const type = text.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
  return { status, headers: new Headers({ 'content-type': type }), pieces: [encoder.encode(text)], sse: false };
}

/** Anthropic's error reply for a status, e.g. 400 `invalid_request_error`. */
export function errorReply(options: { status: number; requestId: string; message?: string; type?: string }): Reply {
  const type = options.type ?? errorTypeForStatus(options.status);
  return jsonReply(options.status, errorBody({ type, message: options.message, requestId: options.requestId }));
}

/** A 200 event stream. */
export function sseReply(events: StreamEvent[]): Reply {
  return {
    status: 200,
    headers: new Headers({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' }),
    pieces: events.map((event) => encoder.encode(encodeEvent(event))),
    sse: true,
  };
}

/** A reply with no body, e.g. a redirect. */
export function emptyReply(status: number, headers: Record<string, string>): Reply {
  return { status, headers: new Headers(headers), pieces: [], sse: false };
}
