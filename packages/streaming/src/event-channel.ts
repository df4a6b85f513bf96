interface Waiter<T> {
  resolve: (result: IteratorResult<T, undefined>) => void;
  reject: (error: unknown) => void;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * The queue between the stream and one async iterator: values the iterator has not asked
 * for yet wait here, in order; the end or the error comes after the last of them.
 */
export class EventChannel<T> {
  #queue: T[] = [];
  #head = 0;
  #waiter: Waiter<T> | undefined = undefined;
  #closed = false;
  #error: { value: unknown } | undefined = undefined;

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

  /** Drops what is queued: the iterator has stopped. */
  discard(): void {
    this.#queue = [];
    this.#head = 0;
    this.#closed = true;
    this.#error = undefined;
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
    return new Promise((resolve, reject) => {
      if (this.#closed) this.#settle({ resolve, reject });
      else this.#waiter = { resolve, reject };
    });
  }

  /**
   * An async iterator over the channel. `onPull` runs when the iterator starts waiting
   * (the source should read on); `onReturn` runs once if the consumer stops early.
   */
  iterator(hooks: { onPull: () => void; onReturn: () => void }): AsyncIterableIterator<T> {
    let active = true;
    const iterator: AsyncIterableIterator<T> = {
      next: () => {
        const next = this.next();
        if (this.hungry) hooks.onPull();
        return next as Promise<IteratorResult<T>>;
      },
      return: () => {
        if (active) {
          active = false;
          this.discard();
          hooks.onReturn();
        }
        return Promise.resolve(DONE);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  #settle(waiter: Waiter<T>): void {
    const error = this.#error;
    // The error is given once; later calls see the end.
    this.#error = undefined;
    if (error === undefined) waiter.resolve(DONE);
    else waiter.reject(error.value);
  }
}
