import type { APIPromise } from '../api-promise.js';

/** Which page of a listing to fetch. */
export interface PageParams {
  /** Items per page (the server's default when absent). */
  limit?: number;
  /** Start after this ID (going forward). */
  after_id?: string;
  /** Start before this ID (going backward). */
  before_id?: string;
}

/** One page of a listing, as the API sends it. */
export interface Page<Item> {
  data: Item[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/**
 * A listing, page by page (models, message batches). `for await` walks every item across
 * pages (following `after_id`, or `before_id` when the listing started with one);
 * awaiting it gives the first page; `pages()` walks the pages themselves.
 *
 * @example
 * for await (const model of client.models.list()) console.log(model.id);
 * const firstPage = await client.models.list({ limit: 5 });
 */
export class PageList<Item, P extends Page<Item> = Page<Item>> implements AsyncIterable<Item>, PromiseLike<P> {
  readonly #fetchPage: (params: PageParams) => APIPromise<P>;
  readonly #params: PageParams;
  #first: APIPromise<P> | undefined;

  constructor(fetchPage: (params: PageParams) => APIPromise<P>, params: PageParams) {
    this.#fetchPage = fetchPage;
    this.#params = params;
  }

  /** The first page, with its response and request id. */
  firstPage(): APIPromise<P> {
    this.#first ??= this.#fetchPage(this.#params);
    return this.#first;
  }

  /** Every page in turn, fetching the next one only when asked for. */
  async *pages(): AsyncGenerator<P> {
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

  async *[Symbol.asyncIterator](): AsyncGenerator<Item> {
    for await (const page of this.pages()) yield* page.data;
  }

  then<R1 = P, R2 = never>(
    onfulfilled?: ((value: P) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.firstPage().then(onfulfilled, onrejected);
  }
}

