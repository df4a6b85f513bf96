import { APIError } from './api-error.js';
import { APIConnectionError, APIUserAbortError } from './connection-errors.js';
import { serverRetryDelayMs } from './retry-after.js';
import { hasBrand } from './brand.js';

/** The longest wait a server may ask for before the client gives up instead of sleeping: 60 s. */
export const MAX_SERVER_RETRY_DELAY_MS = 60_000;

const INITIAL_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;
// Each computed delay is cut by up to this share, so clients that failed together do not retry together.
const JITTER = 0.25;

/** Options of {@link retryDelayMs}. */
export interface RetryDelayOptions {
  /** Source of randomness in [0, 1) for the jitter; defaults to `Math.random`. */
  random?: () => number;
  /** The longest server-requested wait to honour; defaults to {@link MAX_SERVER_RETRY_DELAY_MS}. */
  maxServerDelayMs?: number;
  /** The current time in ms since the epoch, to resolve `retry-after` dates; defaults to `Date.now`. */
  now?: () => number;
}

/**
 * Whether the request that failed with `error` is worth sending again: connection
 * errors and timeouts, and statuses 408, 409, 429, 5xx (529 included). An
 * `x-should-retry: true|false` response header overrides the status. Never an abort
 * by the user, a request that failed validation, or anything that is not a Parley error.
 *
 * @example
 * if (attempt <= maxRetries && isRetryable(err)) { ... }
 */
export function isRetryable(error: unknown): boolean {
  // The brand, not the class: a client's first load need not carry the validation errors.
  if (APIUserAbortError.isInstance(error) || hasBrand(error, 'RequestValidationError')) return false;
  if (APIConnectionError.isInstance(error)) return true;
  if (!APIError.isInstance(error)) return false;
  const override = error.headers.get('x-should-retry');
  if (override === 'true') return true;
  if (override === 'false') return false;
  const { status } = error;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * How long to wait before retry number `attempt` (1 for the first retry).
 *
 * The server's word comes first: `retry-after-ms`, then `retry-after` in seconds or as
 * an HTTP date, used exactly, without jitter. A server delay above `maxServerDelayMs`
 * gives `undefined`: the client should not retry but surface the error, whose headers
 * say when to come back. Without such a header the delay is exponential backoff:
 * 0.5 s for the first retry, doubling each time up to 8 s, minus a random jitter of
 * up to 25% (the result lies in `(0.75 × base, base]`, never above 8 s).
 *
 * This answers "how long", not "whether": ask {@link isRetryable} first.
 *
 * @example
 * const delay = retryDelayMs(err, attempt);
 * if (delay === undefined) throw err;
 * await new Promise((resolve) => setTimeout(resolve, delay));
 */
export function retryDelayMs(error: unknown, attempt: number, options: RetryDelayOptions = {}): number | undefined {
  const { random = Math.random, maxServerDelayMs = MAX_SERVER_RETRY_DELAY_MS, now = Date.now } = options;
  const requested = APIError.isInstance(error) ? serverRetryDelayMs(error.headers, now()) : undefined;
  if (requested !== undefined) return requested > maxServerDelayMs ? undefined : requested;
  const retriesBefore = Math.max(0, Math.floor(attempt) - 1);
  const base = Math.min(INITIAL_DELAY_MS * 2 ** retriesBefore, MAX_BACKOFF_MS);
  return Math.round(base * (1 - JITTER * random()));
}
