/**
 * Fires when one wait for a chunk lasts `ms`. Restarting a timer on every chunk would
 * cost a clearTimeout and a setTimeout per chunk; this keeps one timer and only reads
 * the clock per chunk, re-arming for the remaining time when it fires early.
 */
export class IdleTimer {
  readonly #ms: number;
  readonly #onIdle: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined = undefined;
  #waitingSince = -1;

  constructor(ms: number, onIdle: () => void) {
    this.#ms = ms;
    this.#onIdle = onIdle;
  }

  /** A read has started. */
  waiting(): void {
    this.#waitingSince = performance.now();
    this.#timer ??= setTimeout(this.#check, this.#ms);
  }

  /** The read returned. */
  received(): void {
    this.#waitingSince = -1;
  }

  stop(): void {
    this.#waitingSince = -1;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  readonly #check = (): void => {
    this.#timer = undefined;
    // Not reading (the consumer is slow, not the server): the next read re-arms it.
    if (this.#waitingSince < 0) return;
    const idle = performance.now() - this.#waitingSince;
    if (idle >= this.#ms) this.#onIdle();
    else this.#timer = setTimeout(this.#check, this.#ms - idle);
  };
}
