import type { APIError, APIErrorOptions } from './api-error.js';
import { classFor } from './classify.js';
import { describeBody, parseBodyText } from './error-body.js';

/** What {@link errorFromStatus} builds an error from. */
export type ErrorFromStatusOptions = APIErrorOptions;

/** Options of {@link fromResponse}. */
export interface FromResponseOptions {
  /** The request that failed; redacted, and its credentials masked in the error. */
  request?: APIErrorOptions['request'];
  /** More secret values to mask, beyond the credentials in `request`. */
  secrets?: readonly string[];
}

/**
 * The typed error for a status, headers and an already-read body (parsed JSON, or
 * the text of a non-JSON body). Maps by status, and by the body's `error.type` for
 * statuses without a class of their own.
 *
 * @example
 * const err = errorFromStatus({ status: 529, headers: { 'request-id': 'req_1' },
 *   body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
 * err.message; // '529 overloaded_error: Overloaded (request req_1)'
 */
export function errorFromStatus(options: ErrorFromStatusOptions): APIError {
  const body = typeof options.body === 'string' ? parseBodyText(options.body) : options.body;
  const ErrorClass = classFor(options.status, options.type ?? describeBody(body).type);
  return new ErrorClass({ ...options, body });
}

/**
 * The typed error for a non-2xx `Response`. Reads the body once; a body that cannot
 * be read (the connection dropped) gives the error for the status, with the read
 * failure as its `cause`.
 *
 * @example
 * const response = await fetch(url, init);
 * if (!response.ok) throw await fromResponse(response);
 */
export async function fromResponse(response: Response, options: FromResponseOptions = {}): Promise<APIError> {
  let text = '';
  let cause: unknown;
  try {
    text = await response.text();
  } catch (error) {
    // The status and headers still say what happened; a lost body must not hide them.
    cause = error;
  }
  return errorFromStatus({ ...options, status: response.status, headers: response.headers, body: text, cause });
}
