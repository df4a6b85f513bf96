// The timeouts of a client's requests. One timer per attempt would be the obvious way,
// but a Node timer that is the only one of its duration is built and torn down with its
// own timer list each time: about 5 µs, a sixth of a whole call answered from memory.
// Instead one timer per client waits for the earliest deadline; starting and clearing a
// deadline is a set insertion and deletion.
//
// The timer never holds a process open, like Node's own `AbortSignal.timeout()`: a
// request in flight keeps the process alive by its own connection, and a finished one
// must not keep it alive for the rest of its timeout. Where timers cannot be
// unreferenced (Deno; browsers have no need), the timer is cleared when nothing is pending.

/** A pending deadline, as returned by {@link Deadlines.start}. */
export interface Deadline {
  /** `performance.now()` at which it expires. */
  readonly at: number;
  readonly onExpire: () => void;
}

// setTimeout treats a longer delay as 1 ms: a deadline further away is waited for in steps.
const MAX_DELAY_MS = 2 ** 31 - 1;

type Timer = ReturnType<typeof setTimeout>;

/** Lets the timer not hold the process open (Node, Bun); false where a runtime cannot. */
function unref(timer: Timer): boolean {
  const unrefTimer = (timer as { unref?: unknown } | null)?.unref;
  if (typeof timer !== 'object' || typeof unrefTimer !== 'function') return false;
  unrefTimer.call(timer);
  return true;
}

/** Deadlines sharing one timer, which never holds a process open. */
export class Deadlines {
  readonly #pending = new Set<Deadline>();
  #timer: Timer | undefined;
  /** When the timer fires; `Infinity` when there is none. */
  #armedAt = Number.POSITIVE_INFINITY;
  /** Whether timers here can be unreferenced; known once the first is made. */
  #unreferenced = false;

  /** Calls `onExpire` once, `ms` milliseconds from now, unless the deadline is cleared first. */
  start(ms: number, onExpire: () => void): Deadline {
    const deadline: Deadline = { at: performance.now() + ms, onExpire };
    this.#pending.add(deadline);
    if (deadline.at < this.#armedAt) this.#arm(deadline.at);
    return deadline;
  }

  /** Forgets a deadline (it will not expire); clearing one that expired or was cleared does nothing. */
  clear(deadline: Deadline): void {
    if (this.#pending.delete(deadline) && this.#pending.size === 0 && !this.#unreferenced) this.#disarm();
  }

  #arm(at: number): void {
    this.#disarm();
    this.#armedAt = at;
    this.#timer = setTimeout(this.#fire, Math.min(MAX_DELAY_MS, Math.max(0, at - performance.now())));
    this.#unreferenced = unref(this.#timer);
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
