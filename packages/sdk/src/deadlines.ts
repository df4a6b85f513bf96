// Request timeouts on one timer. Arming and clearing a timer for every request (with a
// list per duration inside Node) costs about as much as the rest of a request answered
// by a nearby server, while almost every request ends long before its deadline.

interface Deadline {
  /** `performance.now()` time at which it expires. */
  at: number;
  onExpire: () => void;
}

// setTimeout fires at once for delays past 2^31 - 1 ms; a longer deadline re-arms on the way.
const MAX_DELAY = 2 ** 31 - 1;

type Timer = ReturnType<typeof setTimeout>;

interface Refable {
  ref?: () => unknown;
  unref?: () => unknown;
}

/**
 * Keeps (or stops keeping) the process alive for a timer: Node and Bun timers are
 * objects with `ref`/`unref`, Deno has `Deno.refTimer`/`unrefTimer`, browsers need nothing.
 */
function setRef(timer: Timer, on: boolean): void {
  if (typeof timer === 'object') {
    const refable = timer as Refable;
    if (on) refable.ref?.();
    else refable.unref?.();
    return;
  }
  const deno = (globalThis as { Deno?: { refTimer?: (id: unknown) => void; unrefTimer?: (id: unknown) => void } }).Deno;
  if (on) deno?.refTimer?.(timer);
  else deno?.unrefTimer?.(timer);
}

/**
 * Deadlines sharing one timer, armed for the earliest of them. Starting a deadline later
 * than the armed one costs a set insertion; ending one, a deletion. While none is
 * pending the timer no longer keeps the process alive.
 */
export class Deadlines {
  readonly #pending = new Set<Deadline>();
  #timer: Timer | undefined = undefined;
  #armedFor = Number.POSITIVE_INFINITY;

  /**
   * Calls `onExpire` once `ms` have passed, unless the returned function is called
   * first (calling it later does nothing).
   */
  start(ms: number, onExpire: () => void): () => void {
    const deadline: Deadline = { at: performance.now() + ms, onExpire };
    const pending = this.#pending;
    pending.add(deadline);
    if (deadline.at < this.#armedFor) this.#arm(deadline.at);
    else if (pending.size === 1 && this.#timer !== undefined) setRef(this.#timer, true);
    return () => {
      if (pending.delete(deadline) && pending.size === 0 && this.#timer !== undefined) setRef(this.#timer, false);
    };
  }

  #arm(at: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedFor = at;
    this.#timer = setTimeout(this.#fire, Math.min(MAX_DELAY, Math.max(0, at - performance.now())));
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#armedFor = Number.POSITIVE_INFINITY;
    const now = performance.now();
    const expired: Deadline[] = [];
    let next = Number.POSITIVE_INFINITY;
    for (const deadline of this.#pending) {
      if (deadline.at <= now) expired.push(deadline);
      else if (deadline.at < next) next = deadline.at;
    }
    for (const deadline of expired) this.#pending.delete(deadline);
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
    // Re-armed first, and every callback called: one that throws strands no other deadline.
    let failure: { error: unknown } | undefined;
    for (const deadline of expired) {
      try {
        deadline.onExpire();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure !== undefined) throw failure.error;
  };
}
