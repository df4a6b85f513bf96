// Turns a Reply into a web Response, applying the body faults on the way: an error
// event, a drop or a stall after N events, re-chunking and a drip between chunks.
import { sleep, untilAborted } from './delay.js';
import { errorBody } from './error-body.js';
import type { Reply } from './reply.js';
import { encodeEvent } from './sse.js';
import type { MockFault } from './types.js';

type Ending = 'end' | 'drop' | 'stall';

const encoder = new TextEncoder();

/** What the body sends before it ends, and how it ends. */
function plan(reply: Reply, options: { fault: MockFault; requestId: string }): { pieces: Uint8Array[]; ending: Ending } {
  const { fault, requestId } = options;
  const candidates: { after: number; ending: Ending | 'error' }[] = [];
  if (fault.errorAfterEvents !== undefined && reply.sse) candidates.push({ after: fault.errorAfterEvents, ending: 'error' });
  if (fault.dropAfterEvents !== undefined) candidates.push({ after: fault.dropAfterEvents, ending: 'drop' });
  if (fault.stallAfterEvents !== undefined) candidates.push({ after: fault.stallAfterEvents, ending: 'stall' });
  // When several are asked for, the one that comes first on the wire wins.
  const first = candidates.sort((a, b) => a.after - b.after)[0];
  if (!first) return { pieces: reply.pieces, ending: 'end' };
  if (!reply.sse) {
    // A JSON body is one piece: a fault "after N events" cuts it in half (or before it for 0).
    const body = reply.pieces[0] ?? new Uint8Array();
    const half = first.after === 0 ? new Uint8Array() : body.subarray(0, Math.floor(body.length / 2));
    return { pieces: [half], ending: first.ending === 'error' ? 'end' : first.ending };
  }
  const pieces = reply.pieces.slice(0, first.after);
  if (first.ending !== 'error') return { pieces, ending: first.ending };
  const type = fault.errorType ?? 'overloaded_error';
  pieces.push(encoder.encode(encodeEvent({ ...errorBody({ type, requestId }) })));
  return { pieces, ending: 'end' };
}

function rechunk(pieces: Uint8Array[], size: number): Uint8Array[] {
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const all = new Uint8Array(total);
  let offset = 0;
  for (const piece of pieces) {
    all.set(piece, offset);
    offset += piece.length;
  }
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < total; i += size) chunks.push(all.subarray(i, i + size));
  return chunks;
}

/** The error a dropped connection gives a reader, worded like undici's. */
export function connectionDropped(): TypeError {
  return new TypeError('terminated', { cause: new Error('other side closed') });
}

/**
 * The Response for `reply` with the fault's headers and body faults applied. The body
 * is produced on demand and stops waiting (drip, stall) when `signal` (the request's)
 * aborts or the reader cancels it.
 */
export function toResponse(reply: Reply, options: { fault: MockFault; request: Request; requestId: string; signal: AbortSignal }): Response {
  const { fault, request, requestId } = options;
  const aborted = options.signal;
  const headers = new Headers(reply.headers);
  headers.set('request-id', requestId);
  if (!reply.sse && reply.pieces.length > 0) {
    headers.set('content-length', String(reply.pieces.reduce((sum, piece) => sum + piece.length, 0)));
  }
  for (const [name, value] of Object.entries(fault.headers ?? {})) headers.set(name, value);
  const { pieces, ending } = plan(reply, { fault, requestId });
  const chunks = fault.chunkSize ? rechunk(pieces, fault.chunkSize) : pieces.filter((piece) => piece.length > 0);
  if (chunks.length === 0 && ending === 'end') return new Response(null, { status: reply.status, headers });

  const cancelled = new AbortController();
  const signal = AbortSignal.any([aborted, cancelled.signal]);
  let next = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Reading `request` here also keeps it alive as long as the body: undici's
        // Request only forwards an abort to its signal while the Request exists.
        const stop = aborted.aborted ? aborted : request.signal;
        if (stop.aborted) {
          controller.error(stop.reason);
          return;
        }
        try {
          if (next < chunks.length) {
            if (next > 0 && fault.dripMs) await sleep(fault.dripMs, signal);
            const chunk = chunks[next++];
            if (chunk && !signal.aborted) controller.enqueue(chunk);
            return;
          }
          if (ending === 'end') controller.close();
          else if (ending === 'drop') controller.error(connectionDropped());
          else await untilAborted(signal);
        } catch (reason) {
          controller.error(reason);
        }
      },
      cancel() {
        cancelled.abort();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: reply.status, headers });
}
