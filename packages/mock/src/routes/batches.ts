// `/v1/messages/batches`: create, list, retrieve, cancel, delete, and the results as
// JSON Lines. Each request of a batch is answered by the same model as `/v1/messages`,
// so a request that would get a 400 there ends as `errored` with that very body.
import type { MessageBatchIndividualResponse, MessageBatchRequest } from '@parley/core';
import type { Outcome } from '../batches/batch-store.js';
import { checkRequest } from '../check-request.js';
import { errorBody } from '../error-body.js';
import { buildMessage } from '../model/reply.js';
import { errorReply, jsonReply, type Reply } from '../reply.js';
import type { RouteContext } from './context.js';
import { semanticProblem } from './messages.js';

/** Anthropic's limits for one batch. */
export const MAX_BATCH_REQUESTS = 100_000;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;
const encoder = new TextEncoder();

/** Why a request of a batch will fail, as `/v1/messages` would say it; undefined when it will succeed. */
function problemOf(params: unknown): string | undefined {
  const checked = checkRequest('createMessage', params);
  if (!checked.ok) return checked.message;
  if (checked.params.stream === true) return 'stream: streaming is not supported in a message batch';
  return semanticProblem(checked.params);
}

const outcome: Outcome = (request, requestId) => {
  const problem = problemOf(request.params);
  if (problem !== undefined) return { type: 'errored', error: errorBody({ type: 'invalid_request_error', message: problem, requestId }) };
  return { type: 'succeeded', message: buildMessage(request.params) };
};

/** The shape of a batch body, checked field by field so the message names the first problem. */
function requestsOf(body: unknown): MessageBatchRequest[] | string {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { requests?: unknown }).requests)) return 'requests: Field required (an array of {custom_id, params})';
  const requests = (body as { requests: unknown[] }).requests;
  if (requests.length === 0) return 'requests: List should have at least 1 item';
  if (requests.length > MAX_BATCH_REQUESTS) return `requests: a batch holds at most ${MAX_BATCH_REQUESTS} requests, got ${requests.length}`;
  const seen = new Set<string>();
  for (const [index, request] of requests.entries()) {
    if (typeof request !== 'object' || request === null) return `requests.${index}: Input should be an object`;
    const { custom_id: customId, params } = request as { custom_id?: unknown; params?: unknown };
    if (typeof customId !== 'string' || !CUSTOM_ID.test(customId)) return `requests.${index}.custom_id: should be 1 to 64 letters, digits, '_' or '-'`;
    if (seen.has(customId)) return `requests.${index}.custom_id: duplicate custom_id '${customId}'; each custom_id must be unique within a batch`;
    seen.add(customId);
    if (typeof params !== 'object' || params === null) return `requests.${index}.params: Input should be an object`;
  }
  return requests as MessageBatchRequest[];
}

/** `POST /v1/messages/batches`. */
export function createBatch(context: RouteContext): Reply {
  const requests = requestsOf(context.body);
  if (typeof requests === 'string') return errorReply({ status: 400, requestId: context.requestId, message: requests });
  const id = context.batches.create(requests, (request) => problemOf(request.params) !== undefined);
  return jsonReply(200, context.batches.view(id, context.url.origin));
}

function batchId(context: RouteContext): string {
  try {
    return decodeURIComponent(context.params[0] ?? '');
  } catch {
    return context.params[0] ?? '';
  }
}

const notFound = (context: RouteContext, id: string): Reply => errorReply({ status: 404, requestId: context.requestId, message: `message_batch_id: no batch '${id}'` });

/** `GET /v1/messages/batches/{id}`. */
export function retrieveBatch(context: RouteContext): Reply {
  const id = batchId(context);
  const batch = context.batches.view(id, context.url.origin);
  return batch === undefined ? notFound(context, id) : jsonReply(200, batch);
}

/** `POST /v1/messages/batches/{id}/cancel`. */
export function cancelBatch(context: RouteContext): Reply {
  const id = batchId(context);
  if (!context.batches.has(id)) return notFound(context, id);
  context.batches.cancel(id);
  return jsonReply(200, context.batches.view(id, context.url.origin));
}

/** `DELETE /v1/messages/batches/{id}`: only once the batch has ended. */
export function deleteBatch(context: RouteContext): Reply {
  const id = batchId(context);
  const deleted = context.batches.delete(id);
  if (deleted === 'missing') return notFound(context, id);
  if (deleted === 'running') {
    return errorReply({ status: 400, requestId: context.requestId, message: `Batch '${id}' is still processing; cancel it and wait until it has ended before deleting it.` });
  }
  return jsonReply(200, { id, type: 'message_batch_deleted' });
}

/** `GET /v1/messages/batches/{id}/results`: one JSON line per request, sent line by line. */
export function batchResults(context: RouteContext): Reply {
  const id = batchId(context);
  if (!context.batches.has(id)) return notFound(context, id);
  if (!context.batches.ended(id)) return errorReply({ status: 400, requestId: context.requestId, message: `Batch '${id}' has not ended yet; its results are not available.` });
  const pieces: Uint8Array[] = [];
  for (const line of context.batches.results(id, outcome) as Iterable<MessageBatchIndividualResponse>) pieces.push(encoder.encode(`${JSON.stringify(line)}\n`));
  return { status: 200, headers: new Headers({ 'content-type': 'application/x-jsonl' }), pieces, sse: false };
}

/** `GET /v1/messages/batches?limit=&after_id=&before_id=`: newest first. */
export function listBatches(context: RouteContext): Reply {
  const query = context.url.searchParams;
  const bad = (message: string): Reply => errorReply({ status: 400, requestId: context.requestId, message });
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (rawLimit !== null && (!/^\d+$/.test(rawLimit) || limit < 1 || limit > MAX_LIMIT)) return bad(`limit: Input should be an integer from 1 to ${MAX_LIMIT}`);
  const ids = context.batches.ids();
  const afterId = query.get('after_id');
  const beforeId = query.get('before_id');
  let start = 0;
  let end: number;
  if (afterId !== null) {
    const at = ids.indexOf(afterId);
    if (at < 0) return bad(`after_id: no batch '${afterId}'`);
    start = at + 1;
    end = Math.min(ids.length, start + limit);
  } else if (beforeId !== null) {
    const at = ids.indexOf(beforeId);
    if (at < 0) return bad(`before_id: no batch '${beforeId}'`);
    end = at;
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(ids.length, limit);
  }
  const data = ids.slice(start, end).map((id) => context.batches.view(id, context.url.origin));
  const hasMore = beforeId !== null ? start > 0 : end < ids.length;
  return jsonReply(200, { data, has_more: hasMore, first_id: ids[start] !== undefined && start < end ? ids[start] : null, last_id: end > start ? ids[end - 1] : null });
}
