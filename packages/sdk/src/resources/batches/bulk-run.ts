// The bulk runner: any number of requests, sent as as many batches as the API's limits
// need, with every result yielded as it is read. The input is read twice, lazily: once
// to check every request and refuse duplicate `custom_id`s before anything is sent (only
// the ids are kept), once to pack and send. Memory holds one batch being packed, the
// batches in flight until they are created, and the results being read.
import type { MessageBatch, MessageBatchIndividualResponse, MessageBatchRequest } from '@parley/core';
import { RequestValidationError } from '@parley/errors';
import type { RequestOptions } from '../../options.js';
import type { Batches } from './batches.js';

/** Anthropic's limits for one batch. */
export const MAX_BATCH_REQUESTS = 100_000;
/** 256 MB, counted in decimal megabytes so it holds whichever way the API counts. */
export const MAX_BATCH_BYTES = 256_000_000;
/** `{"requests":[` and `]}` around the requests. */
const ENVELOPE_BYTES = 15;

type Requests = Iterable<MessageBatchRequest> | AsyncIterable<MessageBatchRequest>;

/**
 * The requests of a run: an array (or any iterable that can be iterated again), or a
 * function returning a fresh (async) iterable each time it is called, such as
 * `() => readRequests(file)` over a file too large for memory.
 */
export type BatchRunInput = Requests | (() => Requests);

/** One result of a run, with the batch it came from. */
export interface BatchRunResult extends MessageBatchIndividualResponse {
  /** The batch that processed the request. */
  batch_id: string;
}

/** What `run` and `run.resume` return: the results, as they are read. */
export type BatchRun = AsyncGenerator<BatchRunResult, void, undefined>;

/** Settings of `batches.run.resume`. */
export interface ResumeOptions {
  /** How many batches are waited on and read at a time. Default 4. */
  concurrency?: number;
  /** Milliseconds before the second poll of a batch; see `batches.wait`. Default 1,000. */
  pollIntervalMs?: number;
  /** The longest interval between polls. Default 60,000. */
  maxPollIntervalMs?: number;
  /** Called whenever the request counts of a batch change. */
  onProgress?: (batch: MessageBatch) => void;
  /** Stops the run: pending calls are aborted, and the iteration fails with an `APIUserAbortError`. */
  signal?: AbortSignal;
  /** Options of each call (`timeout`, `maxRetries`, `headers`, `validate`). */
  requestOptions?: Omit<RequestOptions, 'signal'>;
}

/** Settings of `batches.run`. */
export interface BulkRunOptions extends ResumeOptions {
  /** Most requests in one batch. Default (and at most) 100,000. */
  maxRequestsPerBatch?: number;
  /** Most bytes of JSON in one batch's body, as sent. Default 256,000,000. */
  maxBatchBytes?: number;
  /**
   * Called once each batch is created, before its results are waited for: persist
   * `batch.id` here to resume an interrupted run. The run waits for a returned promise.
   */
  onBatchCreated?: (batch: MessageBatch) => void | Promise<void>;
  /**
   * Batches of an earlier, interrupted run: their results are collected first (nothing
   * of theirs is sent again), then the requests they did not hold are sent.
   */
  resume?: Iterable<string>;
}

/** Checks one request of a batch; see check-request.ts. */
export type CheckRequest = (request: unknown, index: number, options: RequestOptions | undefined) => Promise<void> | undefined;

interface Limits {
  count: number;
  bytes: number;
}

/** UTF-8 length of a string, without encoding it. */
function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // A surrogate pair: four bytes for two UTF-16 units.
      i++;
      bytes += 2;
    } else bytes += 2;
  }
  return bytes;
}

function sourceOf(requests: BatchRunInput): () => Requests {
  if (typeof requests === 'function') return requests;
  const iterable = requests as Partial<Iterable<unknown> & AsyncIterable<unknown>>;
  const iterator = iterable[Symbol.asyncIterator]?.() ?? iterable[Symbol.iterator]?.();
  if (iterator === undefined) throw new TypeError('batches.run(): requests should be an iterable, an async iterable, or a function returning one.');
  if ((iterator as unknown) === requests) {
    throw new TypeError(
      'batches.run() reads the requests twice (to refuse duplicate custom_ids before anything is sent, then to send them), and this iterable can be read only once (a generator?). Pass an array, or a function that returns a fresh iterable, e.g. () => readRequests(file).',
    );
  }
  return () => requests;
}

/** Pass one: every request checked, ids unique, each small enough for a batch; nothing sent. */
async function checkAll(check: CheckRequest, source: () => Requests, options: { limits: Limits; skip: ReadonlySet<string>; requestOptions: RequestOptions | undefined }): Promise<void> {
  const seen = new Set<string>();
  let index = 0;
  for await (const request of source()) {
    const checked = check(request, index, options.requestOptions);
    if (checked !== undefined) await checked;
    const id = request.custom_id;
    if (seen.has(id)) throw new RequestValidationError({ path: ['requests', index, 'custom_id'], rule: 'duplicate', detail: `custom_id '${id}' appears more than once; each must be unique` });
    seen.add(id);
    if (!options.skip.has(id) && utf8Length(JSON.stringify(request)) + ENVELOPE_BYTES > options.limits.bytes) {
      throw new RequestValidationError({ path: ['requests', index], rule: 'too_big', detail: `request '${id}' alone is larger than a batch may be (${options.limits.bytes} bytes)` });
    }
    index++;
  }
}

/** Pass two: the requests in batches under both limits, skipping those already done. */
async function* pack(source: () => Requests, limits: Limits, skip: ReadonlySet<string>): AsyncGenerator<MessageBatchRequest[]> {
  let batch: MessageBatchRequest[] = [];
  let bytes = ENVELOPE_BYTES;
  for await (const request of source()) {
    if (skip.has(request.custom_id)) continue;
    const size = utf8Length(JSON.stringify(request));
    // Every request but the first is preceded by a comma.
    if (batch.length > 0 && (batch.length >= limits.count || bytes + 1 + size > limits.bytes)) {
      yield batch;
      batch = [];
      bytes = ENVELOPE_BYTES;
    }
    bytes += (batch.length > 0 ? 1 : 0) + size;
    batch.push(request);
  }
  if (batch.length > 0) yield batch;
}

/** A batch's results, once it has ended, each tagged with the batch id. */
async function* collect(batches: Batches, batchId: string, options: ResumeOptions, signal: AbortSignal): BatchRun {
  const requestOptions = { ...options.requestOptions, signal };
  await batches.wait(batchId, {
    signal,
    requestOptions: options.requestOptions ?? {},
    ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
    ...(options.maxPollIntervalMs === undefined ? {} : { maxPollIntervalMs: options.maxPollIntervalMs }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
  });
  for await (const result of batches.results(batchId, requestOptions)) yield { batch_id: batchId, ...result };
}

/** A source of batch runs, each started when a slot frees up. */
type NextRun = () => Promise<BatchRun | undefined>;

/**
 * The results of up to `concurrency` runs at a time, in the order they arrive. Stopping
 * early, or a failure, aborts `controller` so nothing keeps polling or reading.
 */
async function* merge(nextRun: NextRun, concurrency: number, controller: AbortController): BatchRun {
  interface Slot {
    run: BatchRun;
    next: Promise<{ slot: Slot; step: IteratorResult<BatchRunResult, void> }>;
  }
  const active = new Set<Slot>();
  const advance = (slot: Slot) => {
    slot.next = slot.run.next().then((step) => ({ slot, step }));
    // Seen by the race below; this handler only keeps a late failure from going unobserved.
    slot.next.catch(() => undefined);
  };
  // An object, so the check in `finally` sees what `fill` (a closure) set.
  const source = { more: true };
  const fill = async () => {
    while (source.more && active.size < concurrency) {
      const run = await nextRun();
      if (run === undefined) source.more = false;
      else {
        const slot = { run } as Slot;
        advance(slot);
        active.add(slot);
      }
    }
  };
  try {
    await fill();
    while (active.size > 0) {
      const { slot, step } = await Promise.race([...active].map((each) => each.next));
      if (step.done === true) {
        active.delete(slot);
        await fill();
        continue;
      }
      advance(slot);
      yield step.value;
    }
  } finally {
    if (active.size > 0 || source.more) controller.abort();
    await Promise.allSettled([...active].map((slot) => slot.next.then(() => slot.run.return())));
  }
}

function linkedController(signal: AbortSignal | undefined): AbortController {
  const controller = new AbortController();
  if (signal?.aborted === true) controller.abort(signal.reason);
  else {
    signal?.addEventListener(
      'abort',
      () => {
        controller.abort(signal.reason);
      },
      { once: true },
    );
  }
  return controller;
}

function concurrencyOf(options: ResumeOptions): number {
  const value = options.concurrency ?? 4;
  if (!Number.isInteger(value) || value < 1) throw new TypeError(`batches.run(): concurrency should be an integer >= 1, got ${String(value)}.`);
  return value;
}

/** See `batches.run.resume`. */
export async function* resumeBatches(batches: Batches, { batchIds, options = {} }: { batchIds: Iterable<string>; options?: ResumeOptions | undefined }): BatchRun {
  const concurrency = concurrencyOf(options);
  const controller = linkedController(options.signal);
  const ids = [...batchIds][Symbol.iterator]();
  const nextRun: NextRun = () => {
    const { done, value } = ids.next();
    return Promise.resolve(done === true ? undefined : collect(batches, value, options, controller.signal));
  };
  yield* merge(nextRun, concurrency, controller);
}

/** See `batches.run`. */
export async function* runBatches(batches: Batches, { check, requests, options = {} }: { check: CheckRequest; requests: BatchRunInput; options?: BulkRunOptions | undefined }): BatchRun {
  const source = sourceOf(requests);
  const limits = {
    count: Math.min(options.maxRequestsPerBatch ?? MAX_BATCH_REQUESTS, MAX_BATCH_REQUESTS),
    bytes: Math.min(options.maxBatchBytes ?? MAX_BATCH_BYTES, MAX_BATCH_BYTES),
  };
  const concurrency = concurrencyOf(options);
  const done = new Set<string>();
  await checkAll(check, source, { limits, skip: done, requestOptions: options.requestOptions });
  if (options.resume !== undefined) {
    for await (const result of resumeBatches(batches, { batchIds: options.resume, options })) {
      done.add(result.custom_id);
      yield result;
    }
  }
  const controller = linkedController(options.signal);
  const packs = pack(source, limits, done);
  const create = async (requestsOfBatch: MessageBatchRequest[]) => {
    // Checked in pass one: the batch goes out as it is.
    const batch = await batches.create({ requests: requestsOfBatch }, { ...options.requestOptions, validate: false, signal: controller.signal });
    await options.onBatchCreated?.(batch);
    return batch.id;
  };
  const nextRun: NextRun = async () => {
    const next = await packs.next();
    if (next.done === true) return undefined;
    // Created before the slot counts as started, so batches are created in input order.
    const id = await create(next.value);
    return collect(batches, id, options, controller.signal);
  };
  yield* merge(nextRun, concurrency, controller);
}
