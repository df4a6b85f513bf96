import type { HeaderSource } from './header-source.js';
import type { Message } from '@parley/core';
import { APIError } from './api-error.js';
import { BY_TYPE } from './classify.js';
import { describeBody, parseBodyText } from './error-body.js';
import { headerEntries } from './redact.js';
import type { RequestInput } from './request-info.js';

/** Options of {@link fromStreamError}. */
export interface StreamErrorOptions {
  /** The message received before the error event; kept on the error. */
  partialMessage?: Message;
  /** The headers of the streaming response (for the request id; masked before they are stored). */
  headers?: HeaderSource;
  /** The request id, when the caller already knows it. */
  requestId?: string;
  /** The request that was streaming; redacted before it is stored. */
  request?: RequestInput;
}

// Unknown types are server-side failures we cannot name: they keep their type and
// get the generic server status, so the retry policy treats them as a 5xx.
const UNKNOWN_TYPE_STATUS = 500;

function headerValue(headers: HeaderSource | undefined, name: string): string | undefined {
  return headerEntries(headers).find(([key]) => key === name)?.[1];
}

/**
 * The typed error for an SSE `error` event that arrived inside a stream
 * (`{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}`),
 * as the parsed data or its raw text. The class is the one the `error.type` names
 * (`overloaded_error` -> `OverloadedError` with status 529, `rate_limit_error` ->
 * `RateLimitError`, ...); an unknown type gives a plain `APIError` with status 500
 * that keeps the type. The message received so far rides along as `partialMessage`.
 *
 * @example
 * if (frame.event === 'error') throw fromStreamError(frame.data, { partialMessage: snapshot, headers: response.headers });
 * // OverloadedError: overloaded_error: Overloaded (mid-stream, request req_1)
 */
export function fromStreamError(eventData: unknown, options: StreamErrorOptions = {}): APIError {
  const data = typeof eventData === 'string' ? parseBodyText(eventData) : eventData;
  const info = describeBody(data);
  const known = info.type === undefined ? undefined : BY_TYPE.get(info.type);
  const requestId =
    options.requestId ?? headerValue(options.headers, 'request-id') ?? headerValue(options.headers, 'x-request-id') ?? info.requestId;
  const detail = info.kind === 'empty' ? 'empty error event' : (info.message ?? 'stream error');
  const where = requestId === undefined ? 'mid-stream' : `mid-stream, request ${requestId}`;
  const [ErrorClass, status] = known ?? [APIError, UNKNOWN_TYPE_STATUS];
  return new ErrorClass({
    status,
    headers: options.headers,
    body: data,
    message: `${info.type ?? 'error'}: ${detail} (${where})`,
    requestId,
    partialMessage: options.partialMessage,
    request: options.request,
  });
}
