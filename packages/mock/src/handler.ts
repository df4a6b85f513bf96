// The web-standard core of the mock. It only uses Request, Response, Headers,
// ReadableStream, TextEncoder/Decoder and AbortSignal, so it runs in any runtime.
import { sleep } from './delay.js';
import { statusForErrorType } from './error-body.js';
import { assertFaults, faultFromHeader, MOCK_FAULT_HEADER } from './faults.js';
import { BatchStore } from './batches/batch-store.js';
import { digest } from './hash.js';
import { errorReply, emptyReply, jsonReply, textReply, type Reply } from './reply.js';
import { readBody, recordedBody } from './request-body.js';
import { connectionDropped, toResponse } from './respond.js';
import { route } from './router.js';
import { bendStructuredOutput } from './structured-fault.js';
import type { MockFault, MockHandler, MockOptions, RecordedRequest } from './types.js';

/** Anthropic's limit for a Messages request body. */
const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;
/** Anthropic's limit for the body of a new message batch. */
const MAX_BATCH_BODY_BYTES = 256 * 1024 * 1024;

/** The body size limit of a path: a batch may be larger than one message request. */
export function bodyLimit(pathname: string, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): number {
  return pathname === '/v1/messages/batches' ? Math.max(maxBodyBytes, MAX_BATCH_BODY_BYTES) : maxBodyBytes;
}

const encoder = new TextEncoder();

function checkOptions(options: MockOptions): void {
  if (options.apiKey !== undefined && (typeof options.apiKey !== 'string' || options.apiKey === '')) {
    throw new TypeError('@parley/mock: apiKey should be a non-empty string');
  }
  for (const name of ['latencyMs', 'maxBodyBytes'] as const) {
    const value = options[name];
    if (value !== undefined && !(typeof value === 'number' && value >= 0 && Number.isFinite(value))) {
      throw new TypeError(`@parley/mock: ${name} should be a number >= 0`);
    }
  }
  assertFaults(options.faults ?? []);
}

/** The reply a `status` fault asks for: its body, or Anthropic's error body for the status. */
function statusReply(fault: MockFault & { status: number }, requestId: string): Reply {
  if (typeof fault.body === 'string') return textReply(fault.status, fault.body);
  if (fault.body !== undefined) return jsonReply(fault.status, fault.body);
  return errorReply({ status: fault.status, requestId });
}

/** A redirect to where the request already is would loop; it is answered normally instead. */
function redirects(fault: MockFault, requestUrl: string): fault is MockFault & { redirectTo: string } {
  if (fault.redirectTo === undefined) return false;
  try {
    return new URL(fault.redirectTo, requestUrl).href !== requestUrl;
  } catch {
    return true;
  }
}

/**
 * Creates the mock's request handler: `handle(request)` answers like the Messages
 * API, deterministically, and injects the faults the request or the script asks for.
 *
 * @example
 * const mock = createMockHandler({ apiKey: 'test-key' });
 * const response = await mock.handle(new Request('http://mock/v1/messages', { method: 'POST', body }));
 */
export function createMockHandler(options: MockOptions = {}): MockHandler {
  checkOptions(options);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const requests: RecordedRequest[] = [];
  const batches = new BatchStore(options.batches);
  let sequence = 0;
  let served = 0;

  async function answer(request: Request, signal: AbortSignal): Promise<Response> {
    const url = new URL(request.url);
    // Counted, not timed or random: ids repeat from run to run, but not within one.
    const requestId = `req_${digest(`${sequence++} ${request.method} ${url.pathname}${url.search}`)}`;
    const health = url.pathname === '/health';
    const scripted = health ? undefined : options.faults?.[served++];
    const limit = bodyLimit(url.pathname, maxBodyBytes);
    const text = await readBody(request, limit);
    if (!health) {
      requests.push({
        method: request.method,
        path: url.pathname + url.search,
        headers: Object.fromEntries(request.headers),
        body: recordedBody(text),
        bytes: text === undefined ? undefined : encoder.encode(text).byteLength,
      });
    }
    const fromHeader = health ? {} : faultFromHeader(request.headers.get(MOCK_FAULT_HEADER));
    const fault: MockFault = { ...scripted, ...fromHeader.fault };
    await sleep(options.latencyMs ?? 0, signal);
    if (fault.dropBeforeHeaders) throw new TypeError('fetch failed', { cause: connectionDropped().cause });

    let reply: Reply;
    try {
      if (fromHeader.problem) reply = errorReply({ status: 400, requestId, message: fromHeader.problem });
      else if (redirects(fault, request.url)) reply = emptyReply(307, { location: fault.redirectTo });
      else if (fault.status !== undefined && (fault.status >= 400 || fault.body !== undefined)) {
        reply = statusReply({ ...fault, status: fault.status }, requestId);
      } else {
        const bent = fault.structuredOutput === undefined ? undefined : bendStructuredOutput(fault.structuredOutput, text ?? '', requestId);
        reply = typeof bent === 'object' ? bent : route({ method: request.method, url, headers: request.headers, text: bent ?? text, requestId }, { apiKey: options.apiKey, maxBodyBytes: limit, batches });
        if (fault.status !== undefined) reply.status = fault.status;
        if (fault.errorAfterEvents !== undefined && !reply.sse && reply.status < 400) {
          // Without a stream to break, the error comes as the status it stands for.
          const type = fault.errorType ?? 'overloaded_error';
          reply = errorReply({ status: statusForErrorType(type), type, requestId });
        }
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      reply = errorReply({ status: 500, requestId, message: `The mock failed: ${reason}` });
    }
    if ([204, 205, 304].includes(reply.status)) reply.pieces = [];
    return toResponse(reply, { fault, request, requestId, signal });
  }

  const handler: MockHandler = {
    handle: (request) => answer(request, request.signal),
    requests,
    reset() {
      requests.length = 0;
      served = 0;
    },
  };
  answerers.set(handler, answer);
  return handler;
}

const answerers = new WeakMap<MockHandler, (request: Request, signal: AbortSignal) => Promise<Response>>();

/**
 * Answers `request` like `handler.handle`, stopping when `signal` aborts instead of
 * `request.signal`: createMockFetch builds its Request without the caller's signal,
 * because undici's Request registers each signal it follows with a FinalizationRegistry
 * that keeps growing by some bytes per call, which a soak test of 100,000 calls sees.
 */
export function answerWithSignal(handler: MockHandler, request: Request, signal: AbortSignal): Promise<Response> {
  const answer = answerers.get(handler);
  if (answer === undefined) throw new TypeError('@parley/mock: not a handler made by createMockHandler');
  return answer(request, signal);
}
