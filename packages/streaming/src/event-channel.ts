interface Waiter<T> {
  resolve: (result: IteratorResult<T, undefined>) => void;
  reject: (error: unknown) => void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * What a channel tells the stream behind it: `pull` when its iterator starts waiting (the
 * stream should read on), `leave` once when the consumer stops early.
 */
export interface ChannelOwner {
  pull(): void;
  leave(channel: EventChannel<unknown>): void;
}

/**
 * The queue between the stream and one async iterator, and that iterator: values the
 * consumer has not asked for yet wait here, in order; the end or the error comes after
 * the last of them. Its methods are shared by every stream (no closures per iterator),
 * so the optimized code of a consumer's loop does not die with one stream.
 */
export class EventChannel<T> implements AsyncIterableIterator<T> {
  readonly #owner: ChannelOwner;
  #queue: T[] = [];
  #head = 0;
  #waiter: Waiter<T> | undefined = undefined;
  #closed = false;
  #active = true;
  #error: { value: unknown } | undefined = undefined;

  constructor(owner: ChannelOwner) {
    this.#owner = owner;
  }

  /** Whether the iterator is waiting for a value: the stream should read on. */
  get hungry(): boolean {
    return this.#waiter !== undefined;
  }

  push(value: T): void {
    const waiter = this.#waiter;
    if (waiter !== undefined) {
      this.#waiter = undefined;
      waiter.resolve({ done: false, value });
    } else {
      this.#queue.push(value);
    }
  }

  /** Ends the channel, after the values already queued (`error` set: with that error). */
  close(error?: { value: unknown }): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#error = error;
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    this.#waiter = undefined;
    this.#settle(waiter);
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.#head < this.#queue.length) {
      const value = this.#queue[this.#head++] as T;
      if (this.#head === this.#queue.length) {
        this.#queue = [];
        this.#head = 0;
      }
      return Promise.resolve({ done: false, value });
    }
    const next = new Promise<IteratorResult<T, undefined>>((resolve, reject) => {
      if (this.#closed) this.#settle({ resolve, reject });
      else this.#waiter = { resolve, reject };
    });
    if (this.hungry) this.#owner.pull();
    return next;
  }

  /** The consumer stops: what is queued is dropped, and the owner hears of it once. */
  return(): Promise<IteratorResult<T, undefined>> {
    if (this.#active) {
      this.#active = false;
      this.#queue = [];
      this.#head = 0;
      this.#closed = true;
      this.#error = undefined;
      this.#owner.leave(this as EventChannel<unknown>);
    }
    return Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  #settle(waiter: Waiter<T>): void {
    const error = this.#error;
    // The error is given once; later calls see the end.
    this.#error = undefined;
    if (error === undefined) waiter.resolve(DONE);
    else waiter.reject(error.value);
  }
}
