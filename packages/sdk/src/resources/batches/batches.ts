// `client.messages.batches`, loaded on first use (see ../load-batches.ts): the calls of
// the Message Batches API, the results read as JSON Lines while they stream, `wait()`,
// and the bulk runner.
import type { CreateMessageBatchParams, DeletedMessageBatch, MessageBatch, MessageBatchIndividualResponse, MessageBatchListResponse } from '@parley/core';
import { ParleyError, RequestValidationError } from '@parley/errors';
import type { APIPromise } from '../../api-promise.js';
import type { RequestOptions } from '../../options.js';
import type { ClientContext, jsonCall, prepareCall } from '../call.js';
import type { PageList, PageParams } from '../page-list.js';
import { runBatches, resumeBatches, type BatchRun, type BulkRunOptions, type BatchRunInput, type CheckRequest, type ResumeOptions } from './bulk-run.js';
import { checkBatchRequest } from './check-request.js';
import { readJSONLines } from './read-json-lines.js';
import { waitForBatch, type WaitOptions } from './wait.js';

/**
 * What this chunk uses of the client's own modules, handed over by the front door: were
 * they imported here, a bundler would move them into a chunk shared with the initial
 * load, which would then come as two files (and compress worse) for every app. A tuple,
 * since its field names would be bytes of the initial load.
 */
export type BatchesKit = readonly [APIPromise: typeof APIPromise, PageList: typeof PageList, jsonCall: typeof jsonCall, prepareCall: typeof prepareCall];

/** Which page of batches to fetch. */
export type BatchListParams = PageParams;

/** The batches, newest first, page by page: `for await` walks them all, `await` gives the first page. */
export type BatchList = PageList<MessageBatch, MessageBatchListResponse>;

/** `batches.run`: the bulk runner, with `resume` for a run that was interrupted. */
export interface BulkRunner {
  /**
   * Sends any number of requests as batches and yields every result as it is read; see
   * {@link BulkRunOptions}.
   *
   * @example
   * for await (const { custom_id, result } of client.messages.batches.run(() => readRequests(file))) save(custom_id, result);
   */
  (requests: BatchRunInput, options?: BulkRunOptions): BatchRun;
  /**
   * Collects the results of batches a run created before it was interrupted, sending
   * nothing new; pass `skip` to a new `run` with the ids seen to send only the rest.
   *
   * @example
   * for await (const result of client.messages.batches.run.resume(savedIds)) save(result);
   */
  resume(batchIds: Iterable<string>, options?: ResumeOptions): BatchRun;
}


function batchPath(id: string, what = ''): string | RequestValidationError {
  if (typeof id !== 'string' || id === '') return new RequestValidationError({ path: ['message_batch_id'], rule: 'too_small', detail: 'a batch ID is required' });
  return `/messages/batches/${encodeURIComponent(id)}${what}`;
}

/**
 * `client.messages.batches`: many message requests processed asynchronously, at a
 * lower price. Results come back as JSON Lines once a batch has ended.
 *
 * @example
 * const batch = await client.messages.batches.create({ requests: [{ custom_id: 'q1', params }] });
 * const ended = await client.messages.batches.wait(batch.id);
 * for await (const { custom_id, result } of client.messages.batches.results(ended.id)) console.log(custom_id, result.type);
 */
export class Batches {
  readonly #context: ClientContext;
  readonly #APIPromise: typeof APIPromise;
  readonly #PageList: typeof PageList;
  readonly #jsonCall: typeof jsonCall;
  readonly #check: CheckRequest;
  /** The bulk runner; see {@link BulkRunner}. */
  readonly run: BulkRunner;

  constructor(context: ClientContext, kit: BatchesKit) {
    this.#context = context;
    const [apiPromise, pageList, call, prepare] = kit;
    this.#APIPromise = apiPromise;
    this.#PageList = pageList;
    this.#jsonCall = call;
    const check = (request: unknown, index: number, options: RequestOptions | undefined) => checkBatchRequest(context, { request, index, options, prepareCall: prepare });
    this.#check = check;
    const run = (requests: BatchRunInput, options?: BulkRunOptions) => runBatches(this, { check, requests, options });
    this.run = Object.assign(run, { resume: (batchIds: Iterable<string>, options?: ResumeOptions) => resumeBatches(this, { batchIds, options }) });
  }

  /**
   * Creates a batch of up to 100,000 requests (256 MB of JSON). Every request's `params`
   * is checked like `messages.create` before anything is sent.
   *
   * @example
   * const batch = await client.messages.batches.create({
   *   requests: [{ custom_id: 'greeting', params: { model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hello' }] } }],
   * });
   */
  create(params: CreateMessageBatchParams, options?: RequestOptions): APIPromise<MessageBatch> {
    const spec = { method: 'POST' as const, path: '/messages/batches', body: params, options };
    const checked = this.checkRequests(params, options);
    if (checked === undefined) return this.#jsonCall<MessageBatch>({ context: this.#context, spec });
    const send = () => checked.then(() => this.#context.sender.send(spec));
    return new this.#APIPromise<MessageBatch>({
      parse: () => checked.then(() => this.#context.sender.send(spec, (response) => response.json() as Promise<MessageBatch>)),
      raw: send,
      decode: (response) => response.json() as Promise<MessageBatch>,
    });
  }

  /**
   * Checks the shape of a batch and each request's `params` as `messages.create` would:
   * `undefined` when valid (or validation is off), else a promise that rejects with a
   * `RequestValidationError` whose path starts at `requests`.
   */
  checkRequests(params: CreateMessageBatchParams, options?: RequestOptions): Promise<void> | undefined {
    const requests: unknown = (params as { requests?: unknown } | undefined)?.requests;
    if (!Array.isArray(requests)) return Promise.reject(new RequestValidationError({ path: ['requests'], rule: 'invalid_type', detail: 'an array of { custom_id, params } is required' }));
    const pending: Promise<void>[] = [];
    for (const [index, request] of (requests as unknown[]).entries()) {
      const checked = this.#check(request, index, options);
      if (checked !== undefined) pending.push(checked);
    }
    if (pending.length === 0) return undefined;
    // Every promise gets a handler (none rejects unobserved); the first request in order that fails is reported.
    return Promise.allSettled(pending).then((settled) => {
      const failed = settled.find((outcome) => outcome.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    });
  }

  /**
   * Fetches a batch: its processing status and request counts.
   *
   * @example
   * const { processing_status, request_counts } = await client.messages.batches.retrieve(id);
   */
  retrieve(batchId: string, options?: RequestOptions): APIPromise<MessageBatch> {
    const path = batchPath(batchId);
    if (typeof path !== 'string') return this.#rejected(path);
    return this.#jsonCall<MessageBatch>({ context: this.#context, spec: { method: 'GET', path, options } });
  }

  /**
   * Lists batches, newest first, across pages; nothing is sent until it is awaited or iterated.
   *
   * @example
   * for await (const batch of client.messages.batches.list()) console.log(batch.id, batch.processing_status);
   */
  list(params: BatchListParams = {}, options?: RequestOptions): BatchList {
    return new this.#PageList<MessageBatch, MessageBatchListResponse>((query) => this.page(query, options), params);
  }

  /**
   * Fetches exactly one page of batches.
   *
   * @example
   * const { data, has_more, last_id } = await client.messages.batches.page({ limit: 10 });
   */
  page(params: BatchListParams = {}, options?: RequestOptions): APIPromise<MessageBatchListResponse> {
    const { limit, after_id, before_id } = params;
    return this.#jsonCall<MessageBatchListResponse>({ context: this.#context, spec: { method: 'GET', path: '/messages/batches', query: { limit, after_id, before_id }, options } });
  }

  /**
   * Asks to cancel a batch: requests not yet processed end as `canceled`.
   *
   * @example
   * const batch = await client.messages.batches.cancel(id); // processing_status: 'canceling'
   */
  cancel(batchId: string, options?: RequestOptions): APIPromise<MessageBatch> {
    const path = batchPath(batchId, '/cancel');
    if (typeof path !== 'string') return this.#rejected(path);
    return this.#jsonCall<MessageBatch>({ context: this.#context, spec: { method: 'POST', path, options } });
  }

  /**
   * Deletes an ended batch and its results.
   *
   * @example
   * await client.messages.batches.delete(id);
   */
  delete(batchId: string, options?: RequestOptions): APIPromise<DeletedMessageBatch> {
    const path = batchPath(batchId);
    if (typeof path !== 'string') return this.#rejected(path);
    return this.#jsonCall<DeletedMessageBatch>({ context: this.#context, spec: { method: 'DELETE', path, options } });
  }

  /**
   * The results of an ended batch, read from its `results_url` as the body streams in,
   * one typed result per JSON line (in no particular order): memory stays constant
   * whatever the size. Credentials go only to the API's own origin: a `results_url`
   * elsewhere is refused. A line that is not JSON ends it with a `JSONLineError`; the
   * client's `timeout` bounds each wait for the next chunk (`APITimeoutError`).
   *
   * @example
   * for await (const { custom_id, result } of client.messages.batches.results(id)) {
   *   if (result.type === 'succeeded') console.log(custom_id, result.message.content);
   * }
   */
  async *results(batchId: string, options?: RequestOptions): AsyncGenerator<MessageBatchIndividualResponse> {
    const batch = await this.retrieve(batchId, options);
    if (batch.results_url === null) {
      throw new ParleyError(`Batch ${batch.id} has no results yet (processing_status '${batch.processing_status}'); wait until it has ended, e.g. with batches.wait(id).`);
    }
    const { path, query } = this.#underRoot(batch.results_url);
    const { data: response } = await this.#context.sender.send({ method: 'GET', path, query, options });
    if (response.body === null) return;
    // The timeout that covered the headers now covers each silence between chunks, as for a stream.
    yield* readJSONLines<MessageBatchIndividualResponse>(response.body, { idleTimeoutMs: this.#context.sender.timeoutFor(options) });
  }

  #rejected<T>(error: Error): APIPromise<T> {
    const fail = () => Promise.reject(error);
    return new this.#APIPromise<T>({ parse: fail, raw: fail, decode: fail });
  }

  /** The path (and query) of `url` under the API root, or an error when it lies elsewhere. */
  #underRoot(url: string): { path: string; query: Record<string, string> | undefined } {
    const root = this.#context.sender.root;
    let target: URL;
    try {
      target = new URL(url, root);
    } catch {
      throw new ParleyError(`The batch's results_url is not a URL: ${url.slice(0, 200)}`);
    }
    if (target.origin !== root.origin || !target.pathname.startsWith(`${root.pathname}/`)) {
      throw new ParleyError(`The batch's results_url (${target.origin}${target.pathname}) is not under the API's base URL (${root.href}); not followed, so credentials are only sent to ${root.origin}.`);
    }
    const query = target.search === '' ? undefined : Object.fromEntries(target.searchParams);
    return { path: target.pathname.slice(root.pathname.length), query };
  }

  /**
   * Polls a batch until it has ended and returns it. The interval grows from
   * `pollIntervalMs` (doubling, at most a minute), a server's `retry-after` is honoured,
   * `onProgress(batch)` is called whenever the request counts change, and aborting
   * `signal` stops it at once.
   *
   * @example
   * const ended = await client.messages.batches.wait(id, { onProgress: (b) => console.log(b.request_counts) });
   */
  wait(batchId: string, options: WaitOptions = {}): Promise<MessageBatch> {
    return waitForBatch(this, batchId, options);
  }
}
