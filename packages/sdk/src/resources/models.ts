import type { ModelInfo, ModelsListResponse } from '@parley/core';
import { RequestValidationError } from '@parley/errors';
import { APIPromise } from '../api-promise.js';
import type { RequestOptions } from '../options.js';
import { jsonCall, type ClientContext } from './call.js';

/** Which page of models to fetch. */
export interface ModelListParams {
  /** Models per page (the server's default when absent). */
  limit?: number;
  /** Start after this model ID (going forward). */
  after_id?: string;
  /** Start before this model ID (going backward). */
  before_id?: string;
}

/**
 * The models, page by page. `for await` walks every model across pages (following
 * `after_id`, or `before_id` when the listing started with one); awaiting it gives the
 * first page; `pages()` walks the pages themselves.
 *
 * @example
 * for await (const model of client.models.list()) console.log(model.id);
 * const firstPage = await client.models.list({ limit: 5 });
 */
export class ModelList implements AsyncIterable<ModelInfo>, PromiseLike<ModelsListResponse> {
  readonly #fetchPage: (params: ModelListParams) => APIPromise<ModelsListResponse>;
  readonly #params: ModelListParams;
  #first: APIPromise<ModelsListResponse> | undefined;

  constructor(fetchPage: (params: ModelListParams) => APIPromise<ModelsListResponse>, params: ModelListParams) {
    this.#fetchPage = fetchPage;
    this.#params = params;
  }

  /** The first page, with its response and request id. */
  firstPage(): APIPromise<ModelsListResponse> {
    this.#first ??= this.#fetchPage(this.#params);
    return this.#first;
  }

  /** Every page in turn, fetching the next one only when asked for. */
  async *pages(): AsyncGenerator<ModelsListResponse> {
    const backward = this.#params.before_id !== undefined;
    let page = await this.firstPage();
    const seen = new Set<string>();
    for (;;) {
      yield page;
      const cursor = backward ? page.first_id : page.last_id;
      // A server that says "more" without a new cursor would otherwise loop forever.
      if (!page.has_more || cursor === null || seen.has(cursor)) return;
      seen.add(cursor);
      const { after_id: _after, before_id: _before, ...rest } = this.#params;
      page = await this.#fetchPage(backward ? { ...rest, before_id: cursor } : { ...rest, after_id: cursor });
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<ModelInfo> {
    for await (const page of this.pages()) yield* page.data;
  }

  then<R1 = ModelsListResponse, R2 = never>(
    onfulfilled?: ((value: ModelsListResponse) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.firstPage().then(onfulfilled, onrejected);
  }
}

/** `client.models`: the models the API offers. */
export class Models {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Lists models, most recent first; see {@link ModelList}. Nothing is sent until it is
   * awaited or iterated.
   *
   * @example
   * for await (const model of client.models.list()) console.log(model.id, model.display_name);
   */
  list(params: ModelListParams = {}, options?: RequestOptions): ModelList {
    return new ModelList((query) => this.page(query, options), params);
  }

  /**
   * Fetches exactly one page of models.
   *
   * @example
   * const { data, has_more, last_id } = await client.models.page({ limit: 10 });
   */
  page(params: ModelListParams = {}, options?: RequestOptions): APIPromise<ModelsListResponse> {
    const { limit, after_id, before_id } = params;
    return jsonCall<ModelsListResponse>({ context: this.#context, spec: { method: 'GET', path: '/models', query: { limit, after_id, before_id }, options } });
  }

  /**
   * Fetches one model by ID or alias.
   *
   * @example
   * const model = await client.models.retrieve('claude-sonnet-4-5');
   */
  retrieve(modelId: string, options?: RequestOptions): APIPromise<ModelInfo> {
    if (typeof modelId !== 'string' || modelId === '') {
      const error = new RequestValidationError({ path: ['model_id'], rule: 'too_small', detail: 'a model ID is required' });
      return new APIPromise<ModelInfo>({ parse: () => Promise.reject(error), raw: () => Promise.reject(error), decode: () => Promise.reject(error) });
    }
    return jsonCall<ModelInfo>({ context: this.#context, spec: { method: 'GET', path: `/models/${encodeURIComponent(modelId)}`, options } });
  }
}
