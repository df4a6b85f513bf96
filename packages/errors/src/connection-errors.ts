import { brand, hasBrand } from './brand.js';
import { defined } from './defined.js';
import { excerpt } from './error-body.js';
import { ParleyError, type ParleyErrorOptions } from './parley-error.js';
import { summarizeRequest, type RequestInput, type RequestSummary } from './request-info.js';

/** Options of the errors raised when no usable response arrived. */
export interface APIConnectionErrorOptions extends ParleyErrorOptions {
  /** Replaces the default message. */
  message?: string;
  /** The request that failed; redacted before it is stored, its credentials masked everywhere. */
  request?: RequestInput;
}

/** `fetch failed: connect ECONNREFUSED 127.0.0.1:9`: the first few messages of a cause chain. */
function describeCause(cause: unknown): string {
  const parts: string[] = [];
  let current = cause;
  for (let i = 0; i < 3 && current !== undefined && current !== null; i++) {
    const text = current instanceof Error ? current.message : typeof current === 'string' ? current : undefined;
    if (text !== undefined && text !== '' && !parts.includes(text)) parts.push(excerpt(text));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.length === 0 ? '.' : `: ${parts.join(': ')}`;
}

/** ` (POST https://…)`, the redacted request for a message, or nothing. */
const where = (summary: RequestSummary | undefined): string => (summary === undefined ? '' : ` (${summary.method} ${summary.url})`);

/**
 * No usable response arrived: the connection was refused, reset or dropped (also in
 * the middle of a stream, with `partialMessage` set). Always worth a retry.
 *
 * @example
 * throw new APIConnectionError({ cause: err, request: { method: 'POST', url } });
 */
export class APIConnectionError extends ParleyError {
  /** The request that failed, redacted; `undefined` unless given. */
  readonly request: RequestSummary | undefined;

  constructor(options: APIConnectionErrorOptions = {}) {
    const { summary, secrets } = summarizeRequest(options.request);
    super(options.message ?? `Connection error${where(summary)}${describeCause(options.cause)}`, { ...options, secrets: [...(options.secrets ?? []), ...secrets] });
    brand(this, 'APIConnectionError');
    this.request = summary;
  }

  static override isInstance(value: unknown): value is APIConnectionError {
    return hasBrand(value, 'APIConnectionError');
  }

  protected override describe(): Record<string, unknown> {
    return defined('request', this.request);
  }
}

/** Options of {@link APITimeoutError}. */
export interface APITimeoutErrorOptions extends APIConnectionErrorOptions {
  /** The limit that was exceeded, in milliseconds. */
  timeoutMs?: number;
}

/**
 * The response headers, or the next chunk of a stream, did not arrive in time.
 *
 * @example
 * throw new APITimeoutError({ timeoutMs: 600_000, partialMessage: snapshot });
 */
export class APITimeoutError extends APIConnectionError {
  /** The limit that was exceeded, in milliseconds, when known. */
  readonly timeoutMs: number | undefined;

  constructor(options: APITimeoutErrorOptions = {}) {
    const { timeoutMs } = options;
    const after = timeoutMs === undefined ? '' : ` after ${timeoutMs} ms`;
    super({ ...options, message: options.message ?? `Request timed out${after}${where(summarizeRequest(options.request).summary)}.` });
    brand(this, 'APITimeoutError');
    this.timeoutMs = timeoutMs;
  }

  static override isInstance(value: unknown): value is APITimeoutError {
    return hasBrand(value, 'APITimeoutError');
  }

  protected override describe(): Record<string, unknown> {
    return { ...super.describe(), ...defined('timeoutMs', this.timeoutMs) };
  }
}

/**
 * The caller aborted the request (its `AbortSignal` fired, or `stream.abort()` was
 * called). Never retried. The abort reason is the `cause`.
 *
 * @example
 * if (APIUserAbortError.isInstance(err)) return; // the user changed their mind
 */
export class APIUserAbortError extends ParleyError {
  constructor(options: Omit<APIConnectionErrorOptions, 'request'> = {}) {
    super(options.message ?? 'Request was aborted.', options);
    brand(this, 'APIUserAbortError');
  }

  static override isInstance(value: unknown): value is APIUserAbortError {
    return hasBrand(value, 'APIUserAbortError');
  }
}
