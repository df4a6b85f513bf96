// Polling a batch until it ends. Batches take minutes to hours, so the interval grows
// (doubling up to a minute) and a server's `retry-after` on a poll wins; the wait
// itself has no deadline of its own (the caller's signal is the way to stop it).
import type { MessageBatch } from '@parley/core';
import { APIUserAbortError } from '@parley/errors';
import type { RequestOptions } from '../../options.js';
import type { Batches } from './batches.js';

/** Settings of `batches.wait`. */
export interface WaitOptions {
  /** Stops waiting at once (the promise rejects with an `APIUserAbortError`). */
  signal?: AbortSignal;
  /** Milliseconds before the second poll; each later interval doubles, up to {@link WaitOptions.maxPollIntervalMs}. Default 1,000. */
  pollIntervalMs?: number;
  /** The longest interval between polls, in milliseconds. Default 60,000. */
  maxPollIntervalMs?: number;
  /** Called with the batch whenever its `request_counts` change (and once with the first answer). */
  onProgress?: (batch: MessageBatch) => void;
  /** Options of each poll (`timeout`, `maxRetries`, `headers`); the signal above is added. */
  requestOptions?: Omit<RequestOptions, 'signal'>;
}

function abortError(signal: AbortSignal): APIUserAbortError {
  const reason: unknown = signal.reason;
  return APIUserAbortError.isInstance(reason) ? reason : new APIUserAbortError({ cause: reason });
}

/** Waits `ms`, rejecting at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      if (signal !== undefined) reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The wait a `retry-after` header asks for, in milliseconds (seconds or an HTTP date). */
function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** See `Batches.wait`. */
export async function waitForBatch(batches: Batches, batchId: string, options: WaitOptions): Promise<MessageBatch> {
  const { signal, onProgress } = options;
  const maxInterval = options.maxPollIntervalMs ?? 60_000;
  let interval = Math.min(options.pollIntervalMs ?? 1000, maxInterval);
  let counts: string | undefined;
  for (;;) {
    const { data: batch, response } = await batches.retrieve(batchId, { ...options.requestOptions, ...(signal === undefined ? {} : { signal }) }).withResponse();
    const now = JSON.stringify(batch.request_counts);
    if (now !== counts) {
      counts = now;
      onProgress?.(batch);
    }
    if (batch.processing_status === 'ended') return batch;
    await pause(retryAfterMs(response.headers) ?? interval, signal);
    interval = Math.min(interval * 2, maxInterval);
  }
}
