// What the soak files share: a seeded random, a forced collection, and the resources a
// leak leaves behind.
/** A small seeded generator (mulberry32): the same faults and abort points on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The heap used after full collections (the soak config runs node with --expose-gc).
 * Between them the event loop turns, so FinalizationRegistry callbacks run: undici frees
 * what a Request hung on the caller's signal only in such a callback, which a collection
 * alone leaves pending.
 */
export async function heapAfterGc(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the soak suite needs node --expose-gc (see its vitest.config.ts)');
  for (let round = 0; round < 4; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return process.memoryUsage().heapUsed;
}

/** How many of each resource type keep the process alive (`process.getActiveResourcesInfo()`). */
export function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const type of process.getActiveResourcesInfo()) counts.set(type, (counts.get(type) ?? 0) + 1);
  return counts;
}

/** The types of which there are more now than in `baseline`, with both counts. */
export function resourcesBeyond(baseline: Map<string, number>, now: Map<string, number>): string[] {
  const extra: string[] = [];
  for (const [type, count] of now) if (count > (baseline.get(type) ?? 0)) extra.push(`${type}: ${baseline.get(type) ?? 0} -> ${count}`);
  return extra;
}

/**
 * Counts the timers that exist (created, neither fired nor cleared), unref'd ones
 * included, which `getActiveResourcesInfo()` leaves out: a timer the SDK forgets to
 * clear shows here until it fires. It wraps the global setTimeout and clearTimeout,
 * which the SDK looks up when it calls them.
 */
export function trackTimers(): { live: () => number; stop: () => void } {
  const live = new Set<unknown>();
  const realSet = globalThis.setTimeout;
  const realClear = globalThis.clearTimeout;
  const tracked = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = realSet((...callArgs: unknown[]) => {
      live.delete(timer);
      callback(...callArgs);
    }, ms, ...args);
    live.add(timer);
    return timer;
  };
  globalThis.setTimeout = tracked as typeof setTimeout;
  globalThis.clearTimeout = ((timer: Parameters<typeof clearTimeout>[0]) => {
    live.delete(timer);
    realClear(timer);
  });
  return {
    live: () => live.size,
    stop: () => {
      globalThis.setTimeout = realSet;
      globalThis.clearTimeout = realClear;
    },
  };
}

/** Polls `condition` every 50 ms until it holds or `ms` pass; returns whether it held. */
export async function eventually(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}
