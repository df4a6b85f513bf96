// Message batches kept in memory. Time comes from a clock the caller may control, and
// nothing else decides progress: a batch of n requests finishes request i at
// `created + processingDelayMs * (i + 1) / n`, so a test that advances the clock sees
// the counts move in a known way, and the same run always gives the same results.
import type { MessageBatch, MessageBatchIndividualResponse, MessageBatchRequest } from '@parley/core';
import { digest } from '../hash.js';

/** How long a batch may run before its unprocessed requests expire: 24 hours, as Anthropic says. */
export const EXPIRY_MS = 24 * 60 * 60 * 1000;

/** Settings of the batches API; see {@link MockOptions.batches}. */
export interface MockBatchOptions {
  /** Milliseconds from creation until the last request of a batch is processed. Default 0 (at once). */
  processingDelayMs?: number;
  /** Milliseconds since the epoch, read whenever a batch is looked at. Default `Date.now`. */
  clock?: () => number;
}

/** How one request ends, decided when its turn comes; see {@link BatchStore}. */
export type Outcome = (request: MessageBatchRequest, requestId: string) => MessageBatchIndividualResponse['result'];

interface StoredBatch {
  id: string;
  requests: MessageBatchRequest[];
  /** 1 for a request that will end as `errored`, decided once at creation. */
  failing: Uint8Array;
  createdAt: number;
  /** When a cancel was asked for. */
  canceledAt: number | undefined;
  deleted: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The batches of one mock handler. */
export class BatchStore {
  readonly #batches: StoredBatch[] = [];
  readonly #delay: number;
  readonly #clock: () => number;

  constructor(options: MockBatchOptions = {}) {
    this.#delay = options.processingDelayMs ?? 0;
    this.#clock = options.clock ?? Date.now;
  }

  /** Stores a new batch of checked requests; `fails` says which will end as `errored`. */
  create(requests: MessageBatchRequest[], fails: (request: MessageBatchRequest) => boolean): string {
    const id = `msgbatch_${digest(`batch ${this.#batches.length}`, 24)}`;
    const failing = Uint8Array.from(requests, (request) => (fails(request) ? 1 : 0));
    this.#batches.push({ id, requests, failing, createdAt: this.#clock(), canceledAt: undefined, deleted: false });
    return id;
  }

  /** The batch with this id, unless deleted. */
  #find(id: string): StoredBatch | undefined {
    return this.#batches.find((batch) => batch.id === id && !batch.deleted);
  }

  has(id: string): boolean {
    return this.#find(id) !== undefined;
  }

  /** How many requests of `batch` have been processed at `now`. */
  #processed(batch: StoredBatch, now: number): number {
    const n = batch.requests.length;
    if (this.#delay <= 0) return n;
    return Math.min(n, Math.floor((n * (now - batch.createdAt)) / this.#delay));
  }

  /** Where a batch stands: processed requests, and when (and why) it ended. */
  #state(batch: StoredBatch) {
    const now = this.#clock();
    const expiresAt = batch.createdAt + EXPIRY_MS;
    // Nothing moves after a cancel or the expiry: what was processed by then is all there is.
    const stop = Math.min(now, batch.canceledAt ?? Infinity, expiresAt);
    const processed = this.#processed(batch, stop);
    const total = batch.requests.length;
    let endedAt: number | undefined;
    if (processed === total) endedAt = batch.createdAt + (this.#delay <= 0 ? 0 : Math.ceil(this.#delay));
    if (batch.canceledAt !== undefined && now > batch.canceledAt) endedAt = Math.min(endedAt ?? Infinity, batch.canceledAt);
    if (now >= expiresAt) endedAt = Math.min(endedAt ?? Infinity, expiresAt);
    if (endedAt !== undefined && endedAt > now) endedAt = now;
    const rest = endedAt === undefined ? 'processing' : batch.canceledAt !== undefined && batch.canceledAt < expiresAt ? 'canceled' : 'expired';
    return { processed, endedAt, rest, expiresAt } as const;
  }

  /** The batch as the API shows it, or undefined when there is none. */
  view(id: string, origin: string): MessageBatch | undefined {
    const batch = this.#find(id);
    if (batch === undefined) return undefined;
    const { processed, endedAt, rest, expiresAt } = this.#state(batch);
    const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    for (let i = 0; i < processed; i++) counts[batch.failing[i] === 1 ? 'errored' : 'succeeded']++;
    counts[rest] += batch.requests.length - processed;
    const status = endedAt !== undefined ? 'ended' : batch.canceledAt !== undefined ? 'canceling' : 'in_progress';
    return {
      id: batch.id,
      type: 'message_batch',
      processing_status: status,
      request_counts: counts,
      created_at: iso(batch.createdAt),
      expires_at: iso(expiresAt),
      ended_at: endedAt === undefined ? null : iso(endedAt),
      archived_at: null,
      cancel_initiated_at: batch.canceledAt === undefined ? null : iso(batch.canceledAt),
      results_url: endedAt === undefined ? null : `${origin}/v1/messages/batches/${batch.id}/results`,
    };
  }

  /** Asks for a cancel; a batch that has ended stays as it is. */
  cancel(id: string): void {
    const batch = this.#find(id);
    if (batch === undefined || batch.canceledAt !== undefined || this.#state(batch).endedAt !== undefined) return;
    batch.canceledAt = this.#clock();
  }

  /** Deletes an ended batch: `'deleted'`, or `'running'` when it has not ended. */
  delete(id: string): 'deleted' | 'running' | 'missing' {
    const batch = this.#find(id);
    if (batch === undefined) return 'missing';
    if (this.#state(batch).endedAt === undefined) return 'running';
    batch.deleted = true;
    return 'deleted';
  }

  /** The results of a batch, one per request, in request order; call it once the batch has {@link ended}. */
  *results(id: string, outcome: Outcome): Generator<MessageBatchIndividualResponse> {
    const batch = this.#find(id);
    if (batch === undefined) return;
    const { processed, rest } = this.#state(batch);
    for (const [i, request] of batch.requests.entries()) {
      const result = i < processed ? outcome(request, `req_${digest(`${batch.id} ${i}`)}`) : { type: rest as 'canceled' | 'expired' };
      yield { custom_id: request.custom_id, result };
    }
  }

  /** Batch ids, newest first, as the list pages them. */
  ids(): string[] {
    return this.#batches.filter((batch) => !batch.deleted).map((batch) => batch.id).reverse();
  }

  /** Whether the batch has ended. */
  ended(id: string): boolean {
    const batch = this.#find(id);
    return batch !== undefined && this.#state(batch).endedAt !== undefined;
  }
}
