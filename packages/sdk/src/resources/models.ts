import type { ModelInfo, ModelsListResponse } from '@parley/core';
import { APIPromise } from '../api-promise.js';
import type { RequestOptions } from '../options.js';
import { jsonCall, type ClientContext } from './call.js';
import { PageList, type PageParams } from './page-list.js';

/** Which page of models to fetch. */
export type ModelListParams = PageParams;

/**
 * The models, page by page. `for await` walks every model across pages (following
 * `after_id`, or `before_id` when the listing started with one); awaiting it gives the
 * first page; `pages()` walks the pages themselves.
 *
 * @example
 * for await (const model of client.models.list()) console.log(model.id);
 * const firstPage = await client.models.list({ limit: 5 });
 */
export type ModelList = PageList<ModelInfo, ModelsListResponse>;
// The same class under the name users of `models.list` know (no code of its own).
export const ModelList = PageList;

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
    return new PageList<ModelInfo, ModelsListResponse>((query) => this.page(query, options), params);
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
      // The error is made where the validation code lives: a first load carries no
      // validation error classes.
      const error = (): Promise<never> => import('../validate.js').then((validate) => Promise.reject(validate.missingModelId()));
      return new APIPromise<ModelInfo>({ parse: error, raw: error, decode: error });
    }
    return jsonCall<ModelInfo>({ context: this.#context, spec: { method: 'GET', path: `/models/${encodeURIComponent(modelId)}`, options } });
  }
}
