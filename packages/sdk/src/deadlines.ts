// The timeouts of a client's requests. One timer per attempt would be the obvious way,
// but a Node timer that is the only one of its duration is built and torn down with its
// own timer list each time: about 5 µs, a sixth of a whole call answered from memory.
// Instead one timer per client waits for the earliest deadline; starting and clearing a
// deadline is a set insertion and deletion.

/** A pending deadline, as returned by {@link Deadlines.start}. */
export interface Deadline {
  /** `performance.now()` at which it expires. */
  readonly at: number;
  readonly onExpire: () => void;
}

// setTimeout treats a longer delay as 1 ms: a deadline further away is waited for in steps.
const MAX_DELAY_MS = 2 ** 31 - 1;

type Timer = ReturnType<typeof setTimeout>;

/** Node and Bun can let a timer not hold the process open; browsers have no need, Deno no way. */
function setRef(timer: Timer, ref: boolean): boolean {
  if (typeof timer !== 'object' || timer === null) return false;
  const handle = timer as { ref?: () => unknown; unref?: () => unknown };
  const toggle = ref ? handle.ref : handle.unref;
  if (typeof toggle !== 'function') return false;
  toggle.call(timer);
  return true;
}

/**
 * Deadlines sharing one timer. A process is never held open by a deadline that was
 * cleared: with nothing pending the timer is unreferenced, or cleared where a runtime
 * cannot unreference timers.
 */
export class Deadlines {
  readonly #pending = new Set<Deadline>();
  #timer: Timer | undefined;
  /** When the timer fires; `Infinity` when there is none. */
  #armedAt = Number.POSITIVE_INFINITY;

  /** Calls `onExpire` once, `ms` milliseconds from now, unless the deadline is cleared first. */
  start(ms: number, onExpire: () => void): Deadline {
    const deadline: Deadline = { at: performance.now() + ms, onExpire };
    this.#pending.add(deadline);
    if (deadline.at < this.#armedAt) this.#arm(deadline.at);
    else if (this.#pending.size === 1 && this.#timer !== undefined) setRef(this.#timer, true);
    return deadline;
  }

  /** Forgets a deadline (it will not expire); clearing one that expired or was cleared does nothing. */
  clear(deadline: Deadline): void {
    if (!this.#pending.delete(deadline) || this.#pending.size > 0 || this.#timer === undefined) return;
    if (!setRef(this.#timer, false)) this.#disarm();
  }

  #arm(at: number): void {
    this.#disarm();
    this.#armedAt = at;
    this.#timer = setTimeout(this.#fire, Math.min(MAX_DELAY_MS, Math.max(0, at - performance.now())));
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedAt = Number.POSITIVE_INFINITY;
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#armedAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    const expired: Deadline[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of this.#pending) {
      if (deadline.at <= now) expired.push(deadline);
      else next = Math.min(next, deadline.at);
    }
    for (const deadline of expired) this.#pending.delete(deadline);
    // Re-armed before the callbacks run, so the timer is right whatever they start or clear.
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
    for (const deadline of expired) deadline.onExpire();
  };
}
