// Which route answers a request, and the checks every API route shares: 404 for an
// unknown path, 405 for a wrong method, 413 for a body over the limit, 401 without
// the configured key, 400 for a body that is not JSON.
import type { BatchStore } from './batches/batch-store.js';
import { errorReply, jsonReply, type Reply } from './reply.js';
import { batchResults, cancelBatch, createBatch, deleteBatch, listBatches, retrieveBatch } from './routes/batches.js';
import type { Route } from './routes/context.js';
import { countTokens } from './routes/count-tokens.js';
import { createMessage } from './routes/messages.js';
import { listModels, retrieveModel } from './routes/models.js';

interface RouteEntry {
  pattern: RegExp;
  methods: Record<string, Route>;
}

const ROUTES: RouteEntry[] = [
  { pattern: /^\/v1\/messages$/, methods: { POST: createMessage } },
  { pattern: /^\/v1\/messages\/count_tokens$/, methods: { POST: countTokens } },
  { pattern: /^\/v1\/messages\/batches$/, methods: { POST: createBatch, GET: listBatches } },
  { pattern: /^\/v1\/messages\/batches\/([^/]+)$/, methods: { GET: retrieveBatch, DELETE: deleteBatch } },
  { pattern: /^\/v1\/messages\/batches\/([^/]+)\/cancel$/, methods: { POST: cancelBatch } },
  { pattern: /^\/v1\/messages\/batches\/([^/]+)\/results$/, methods: { GET: batchResults } },
  { pattern: /^\/v1\/models$/, methods: { GET: listModels } },
  { pattern: /^\/v1\/models\/([^/]+)$/, methods: { GET: retrieveModel } },
  { pattern: /^\/health$/, methods: { GET: () => jsonReply(200, { status: 'ok' }) } },
];

/** The request as the router sees it. */
export interface Incoming {
  method: string;
  url: URL;
  headers: Headers;
  /** The body text, or undefined when it was over the size limit. */
  text: string | undefined;
  requestId: string;
}

function presentedKey(headers: Headers): string | undefined {
  const apiKey = headers.get('x-api-key');
  if (apiKey !== null) return apiKey;
  const match = /^Bearer\s+(.+)$/i.exec(headers.get('authorization') ?? '');
  return match?.[1]?.trim();
}

/** 401 unless the request carries `apiKey`; the message never repeats what was sent. */
function authProblem(headers: Headers, apiKey: string): string | undefined {
  const presented = presentedKey(headers);
  if (presented === undefined) return 'x-api-key header is required';
  return presented === apiKey ? undefined : 'invalid x-api-key';
}

/** The reply to a request, before faults. */
export function route(incoming: Incoming, options: { apiKey?: string | undefined; maxBodyBytes: number; batches: BatchStore }): Reply {
  const { requestId } = incoming;
  const path = incoming.url.pathname;
  const entry = ROUTES.find((candidate) => candidate.pattern.test(path));
  if (!entry) return errorReply({ status: 404, requestId, message: `Not found: ${incoming.method} ${path}` });
  const handler = Object.hasOwn(entry.methods, incoming.method) ? entry.methods[incoming.method] : undefined;
  if (!handler) {
    const allowed = Object.keys(entry.methods).join(', ');
    const reply = errorReply({ status: 405, requestId, message: `Method ${incoming.method} is not allowed on ${path}; use ${allowed}` });
    reply.headers.set('allow', allowed);
    return reply;
  }
  if (incoming.text === undefined) {
    return errorReply({ status: 413, requestId, message: `Request body is larger than ${options.maxBodyBytes} bytes` });
  }
  if (options.apiKey !== undefined && path.startsWith('/v1/')) {
    const problem = authProblem(incoming.headers, options.apiKey);
    if (problem) return errorReply({ status: 401, requestId, message: problem });
  }
  let body: unknown;
  // A POST without a body (a batch's cancel) has nothing to parse.
  if (incoming.method === 'POST' && incoming.text !== '') {
    try {
      body = JSON.parse(incoming.text);
    } catch {
      return errorReply({ status: 400, requestId, message: 'body: the request body is not valid JSON' });
    }
  }
  const params = (entry.pattern.exec(path) ?? []).slice(1);
  return handler({ url: incoming.url, body, requestId, params, batches: options.batches });
}
