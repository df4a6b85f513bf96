import type { Sent } from './request.js';

/** A call's value together with the HTTP response it came from. */
export interface WithResponse<T> {
  /** What the call resolves to. */
  data: T;
  /** The response (its body already read, or handed to a stream). */
  response: Response;
  /** The server's request id (`request-id`, or a relay's `x-request-id`), for support tickets. */
  requestId: string | undefined;
}

/** The two ways one call can be sent; built by the resources. */
export interface APIPromiseSource<T> {
  /** Sends the call and reads the response into the value. */
  parse(): Promise<Sent<T>>;
  /** Sends the call and returns the response with its body unread. */
  raw(): Promise<Sent<Response>>;
  /** Reads a response obtained from `raw()`, when the value is asked for afterwards. */
  decode(response: Response): Promise<T>;
}

const STARTED = Promise.resolve();

/**
 * What every call returns: a promise of the value (await it as usual) with two more
 * ways to look at the same call. The request starts right away, as with any promise.
 *
 * @example
 * const message = await client.messages.create(params);
 * const { data, response, requestId } = await client.messages.create(params).withResponse();
 * const raw = await client.messages.create(params).asResponse(); // body unread
 */
export class APIPromise<T> implements PromiseLike<T> {
  readonly #source: APIPromiseSource<T>;
  #result: Promise<WithResponse<T>> | undefined;
  #raw: Promise<Sent<Response>> | undefined;

  constructor(source: APIPromiseSource<T>) {
    this.#source = source;
    // The call starts in a microtask, so that `create(...).asResponse()`, written in one
    // expression, can still ask for the body unread before anything is sent. A resolved
    // promise's `then` rather than `queueMicrotask`, which in Node builds an async
    // resource for every call.
    void STARTED.then(() => {
      if (this.#raw === undefined) void this.#resolved().catch(() => undefined);
    });
  }

  #resolved(): Promise<WithResponse<T>> {
    if (this.#result !== undefined) return this.#result;
    if (this.#raw !== undefined) {
      const raw = this.#raw;
      this.#result = raw.then(async ({ response, requestId }) => ({ data: await this.#source.decode(response), response, requestId }));
    } else {
      // A `Sent` is already a `WithResponse`: no copy, no extra step.
      this.#result = this.#source.parse();
    }
    return this.#result;
  }

  /** The value, the response and the request id. */
  withResponse(): Promise<WithResponse<T>> {
    return this.#resolved();
  }

  /**
   * The raw `Response` as soon as its headers arrive, body unread (the timeout stops
   * there: the body is yours). Call it directly on the returned promise, as in
   * `create(params).asResponse()`; once the value has been read, the response given
   * back has a used body.
   */
  asResponse(): Promise<Response> {
    if (this.#result !== undefined && this.#raw === undefined) return this.#result.then(({ response }) => response);
    this.#raw ??= this.#source.raw();
    return this.#raw.then(({ response }) => response);
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    const result = this.#resolved();
    // One step from the call's result to the callback: `await` on every call goes through here.
    if (onfulfilled === null || onfulfilled === undefined) return result.then(({ data }) => data as unknown as R1, onrejected);
    return result.then(({ data }) => onfulfilled(data), onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.then().finally(onfinally);
  }

  readonly [Symbol.toStringTag] = 'APIPromise';
}
