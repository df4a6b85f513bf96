// The timeouts of a client's requests. One timer per attempt would be the obvious way,
// but a Node timer that is the only one of its duration is built and torn down with its
// own timer list each time: about 5 µs, a sixth of a whole call answered from memory.
// Instead one timer per client waits for the earliest deadline. Pending deadlines form a
// linked list: starting and clearing one is a few pointer writes, where a Set would
// first have to give every new deadline object an identity hash.
//
// The timer never holds a process open, like Node's own `AbortSignal.timeout()`: a
// request in flight keeps the process alive by its own connection, and a finished one
// must not keep it alive for the rest of its timeout. Where timers cannot be
// unreferenced (Deno; browsers have no need), the timer is cleared when nothing is pending.

/** A pending deadline, as returned by {@link Deadlines.start}. */
export interface Deadline {
  /** `performance.now()` at which it expires. */
  readonly at: number;
}

/** What a deadline calls when it expires. */
export interface Expiring {
  expire(): void;
}

interface Entry extends Deadline {
  readonly target: Expiring;
  prev: Entry | undefined;
  next: Entry | undefined;
  pending: boolean;
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
  #head: Entry | undefined;
  #tail: Entry | undefined;
  #timer: Timer | undefined;
  /** When the timer fires; `Infinity` when there is none. */
  #armedAt = Infinity;
  /** Whether timers here can be unreferenced; known once the first is made. */
  #unreferenced = false;

  /** Calls `target.expire()` once, `ms` milliseconds from now, unless the deadline is cleared first. */
  start(ms: number, target: Expiring): Deadline {
    const entry: Entry = { at: performance.now() + ms, target, prev: this.#tail, next: undefined, pending: true };
    if (this.#tail === undefined) this.#head = entry;
    else this.#tail.next = entry;
    this.#tail = entry;
    if (entry.at < this.#armedAt) this.#arm(entry.at);
    return entry;
  }

  /** Forgets a deadline (it will not expire); clearing one that expired or was cleared does nothing. */
  clear(deadline: Deadline): void {
    const entry = deadline as Entry;
    if (!entry.pending) return;
    this.#unlink(entry);
    if (this.#head === undefined && !this.#unreferenced) this.#disarm();
  }

  #unlink(entry: Entry): void {
    entry.pending = false;
    if (entry.prev === undefined) this.#head = entry.next;
    else entry.prev.next = entry.next;
    if (entry.next === undefined) this.#tail = entry.prev;
    else entry.next.prev = entry.prev;
    entry.prev = entry.next = undefined;
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
    this.#armedAt = Infinity;
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#armedAt = Infinity;
    const now = performance.now();
    const expired: Entry[] = [];
    let next = Infinity;
    for (let entry = this.#head; entry !== undefined; entry = entry.next) {
      if (entry.at <= now) expired.push(entry);
      else next = Math.min(next, entry.at);
    }
    for (const entry of expired) this.#unlink(entry);
    // Re-armed before the callbacks run, so the timer is right whatever they start or clear.
    if (next !== Infinity) this.#arm(next);
    for (const entry of expired) entry.target.expire();
  };
}
