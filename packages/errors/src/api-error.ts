import type { HeaderSource } from './header-source.js';
import { brand, hasBrand } from './brand.js';
import { defined } from './defined.js';
import { describeBody, parseBodyText, type BodyInfo } from './error-body.js';
import { ParleyError, type ParleyErrorOptions } from './parley-error.js';
import { redactHeaders } from './redact.js';
import { summarizeRequest, type RequestInput, type RequestSummary } from './request-info.js';
import { scrubValue } from './sanitize.js';

/** Everything an {@link APIError} is built from. */
export interface APIErrorOptions extends ParleyErrorOptions {
  /** The HTTP status of the response. */
  status: number;
  /** The response headers; credential-like values are masked before they are stored. */
  headers?: HeaderSource;
  /** The response body: parsed JSON, or the text for a non-JSON body (JSON text is parsed). */
  body?: unknown;
  /** Replaces the message built from status and body. */
  message?: string;
  /** The error type, when known from elsewhere; defaults to the body's `error.type`. */
  type?: string;
  /** The request id, when known from elsewhere; defaults to the headers, then the body. */
  requestId?: string;
  /** The request that failed; redacted before it is stored, and its credentials are masked everywhere. */
  request?: RequestInput;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 408: 'Request Timeout', 409: 'Conflict', 413: 'Content Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 520: 'Unknown Error', 522: 'Connection Timed Out', 524: 'A Timeout Occurred', 529: 'Overloaded',
};

/** `529 overloaded_error: Overloaded (request req_123)`, and the like for every body shape. */
function formatMessage(options: APIErrorOptions, info: BodyInfo, type: string | undefined, requestId: string | undefined): string {
  const { status } = options;
  const label = type ?? (typeof info.code === 'string' ? info.code : undefined) ?? REASONS[status] ?? 'error';
  let detail = '';
  // With no body, a cause is what kept it from being read.
  if (info.kind === 'empty') detail = options.cause === undefined ? ': empty body' : ': body could not be read';
  else if (info.message !== undefined) detail = info.kind === 'html' ? `: (HTML page) ${info.message}` : `: ${info.message}`;
  return `${status} ${label}${detail}${requestId === undefined ? '' : ` (request ${requestId})`}`;
}

/** Builds a `Headers` from redacted pairs, skipping any value `Headers` would reject. */
function safeHeaders(init: HeaderSource | undefined): Headers {
  const headers = new Headers();
  if (init === undefined) return headers;
  for (const [name, value] of Object.entries(redactHeaders(init))) {
    try {
      headers.append(name, value);
    } catch {
      // An invalid header name or value cannot be represented; leaving it out beats throwing from an error path.
    }
  }
  return headers;
}

/**
 * The server answered with an error status. Subclasses name the status
 * (`RateLimitError` for 429, `OverloadedError` for 529, ...); other 4xx are a plain
 * `APIError`.
 *
 * @example
 * if (APIError.isInstance(err)) console.error(err.status, err.type, err.requestId, err.message);
 */
export class APIError extends ParleyError {
  /** The HTTP status, e.g. `529`. For an error event inside a stream, the status its type stands for. */
  readonly status: number;
  /** The response headers, with any credential-like value masked. */
  readonly headers: Headers;
  /** The request id: the `request-id` header, else `x-request-id`, else the body's `request_id`. */
  readonly requestId: string | undefined;
  /** The body's `error.type`, e.g. `overloaded_error`; unknown types are kept as they are. */
  readonly type: string | undefined;
  /** The body's `error.code`, which relays in the OpenAI shape send (e.g. `401`). */
  readonly code: string | number | undefined;
  /** The body: parsed JSON, the text of a non-JSON body, or `undefined` when empty. */
  readonly body: unknown;
  /** The request that failed, redacted; `undefined` unless given. */
  readonly request: RequestSummary | undefined;

  constructor(options: APIErrorOptions) {
    const { summary, secrets: requestSecrets } = summarizeRequest(options.request);
    const secrets = [...(options.secrets ?? []), ...requestSecrets];
    const body = scrubValue(typeof options.body === 'string' ? parseBodyText(options.body) : options.body, secrets);
    const info = describeBody(body);
    const headers = safeHeaders(options.headers);
    const requestId = options.requestId ?? headers.get('request-id') ?? headers.get('x-request-id') ?? info.requestId;
    const type = options.type ?? info.type;
    const message = options.message ?? formatMessage(options, info, type, requestId);
    super(message, { cause: options.cause, partialMessage: options.partialMessage, secrets });
    brand(this, 'APIError');
    this.status = options.status;
    this.headers = headers;
    this.requestId = requestId;
    this.type = type;
    this.code = info.code;
    this.body = body;
    this.request = summary;
  }

  /** Whether `value` is an `APIError` (any status), from any copy of this package. */
  static override isInstance(value: unknown): value is APIError {
    return hasBrand(value, 'APIError');
  }

  protected override describe(): Record<string, unknown> {
    return {
      status: this.status,
      type: this.type,
      ...defined('code', this.code),
      requestId: this.requestId,
      headers: Object.fromEntries(this.headers),
      body: this.body,
      ...defined('request', this.request),
    };
  }
}
