// The one `fetch` every contender gets: it answers from memory, so what is measured is
// the client's own work, not a network's.
import { BATCH_ID } from './batch-results.ts';

/**
 * What a reply is made of: the chunks of an SSE body, one JSON body, or a batch (its
 * JSON, and the chunks of its JSON Lines results).
 */
export type Reply = { chunks: readonly Uint8Array[] } | { json: Uint8Array<ArrayBuffer> } | { batch: Uint8Array<ArrayBuffer>; results: readonly Uint8Array[] };

/** The base URL every client is given; nothing is ever sent to it. */
export const BASE_URL = 'http://bench.invalid';
/** Where every contender posts its messages. */
export const ENDPOINT = `${BASE_URL}/v1/messages`;

const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_bench_0001' };
const JSON_HEADERS = { 'content-type': 'application/json', 'request-id': 'req_bench_0001' };
const JSONL_HEADERS = { 'content-type': 'application/x-jsonl', 'request-id': 'req_bench_0001' };

function urlOf(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** A body that hands out the pre-built chunks, one per read, as a socket would. */
function chunkStream(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

/** Where the batch of group F is, and its results. */
export const BATCH_URL = `${BASE_URL}/v1/messages/batches/${BATCH_ID}`;

/**
 * A `fetch` that answers every `POST /v1/messages` with `reply` (for a batch: `GET` of
 * the batch and of its results). Anything else is a bug in a contender's setup and
 * fails loudly.
 */
export function memoryFetch(reply: Reply): typeof fetch {
  return (input, init) => {
    const url = urlOf(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    if ('batch' in reply) {
      if (method === 'GET' && url === BATCH_URL) return Promise.resolve(new Response(reply.batch, { status: 200, headers: JSON_HEADERS }));
      if (method === 'GET' && url === `${BATCH_URL}/results`) return Promise.resolve(new Response(chunkStream(reply.results), { status: 200, headers: JSONL_HEADERS }));
      return Promise.reject(new Error(`memoryFetch: unexpected ${method} ${url}`));
    }
    if (url !== ENDPOINT || method !== 'POST') return Promise.reject(new Error(`memoryFetch: unexpected ${method} ${url}`));
    if ('chunks' in reply) return Promise.resolve(new Response(chunkStream(reply.chunks), { status: 200, headers: SSE_HEADERS }));
    return Promise.resolve(new Response(reply.json, { status: 200, headers: JSON_HEADERS }));
  };
}
