// The shared timer behind request timeouts: each deadline fires once, in order, never
// after it was cleared, and a client with nothing in flight holds no process open.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from '../src/deadlines.js';

/** Referenced timers of this process: the ones that keep it alive. */
const heldTimers = () => process.getActiveResourcesInfo().filter((resource) => resource === 'Timeout').length;

describe('Deadlines', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires each deadline once, at its time, whatever order they were started in', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const deadlines = new Deadlines();
    const fired: string[] = [];
    deadlines.start(300, { expire: () => fired.push('300') });
    deadlines.start(100, { expire: () => fired.push('100') });
    deadlines.start(200, { expire: () => fired.push('200') });
    vi.advanceTimersByTime(99);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual(['100']);
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['100', '200']);
    vi.advanceTimersByTime(10_000);
    expect(fired).toEqual(['100', '200', '300']);
  });

  it('never fires a cleared deadline, and clearing twice or after it fired does nothing', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const deadlines = new Deadlines();
    const fired: string[] = [];
    const early = deadlines.start(50, { expire: () => fired.push('early') });
    const late = deadlines.start(80, { expire: () => fired.push('late') });
    deadlines.clear(early);
    deadlines.clear(early);
    vi.advanceTimersByTime(60);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(fired).toEqual(['late']);
    deadlines.clear(late);
    const again = deadlines.start(10, { expire: () => fired.push('again') });
    vi.advanceTimersByTime(10);
    expect(fired).toEqual(['late', 'again']);
    deadlines.clear(again);
  });

  it('keeps every other deadline when ones at the head, the middle and the tail are cleared', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const deadlines = new Deadlines();
    const fired: number[] = [];
    const started = [50, 10, 90, 30, 70, 20, 80, 40, 60, 100].map((ms) => ({ ms, deadline: deadlines.start(ms, { expire: () => fired.push(ms) }) }));
    // The first started (head), the last (tail) and some in between.
    for (const index of [0, 9, 4, 5, 2]) deadlines.clear(started[index]!.deadline);
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual([10, 30, 40, 60, 80]);
    // The list is empty again and takes new deadlines.
    deadlines.start(5, { expire: () => fired.push(5) });
    vi.advanceTimersByTime(5);
    expect(fired.at(-1)).toBe(5);
  });

  it('waits out a deadline longer than setTimeout can take instead of firing at once', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const deadlines = new Deadlines();
    let fired = false;
    deadlines.start(2 ** 31 + 1_000, { expire: () => (fired = true) });
    vi.advanceTimersByTime(2 ** 31 - 1);
    expect(fired).toBe(false);
    vi.advanceTimersByTime(1_001);
    expect(fired).toBe(true);
  });

  it('never holds the process open, like AbortSignal.timeout(): a request in flight is held by its connection', () => {
    const deadlines = new Deadlines();
    const before = heldTimers();
    const first = deadlines.start(600_000, { expire: () => undefined });
    const second = deadlines.start(1_000, { expire: () => undefined });
    expect(heldTimers()).toBe(before);
    deadlines.clear(first);
    deadlines.clear(second);
    expect(heldTimers()).toBe(before);
  });

  it('clears the timer once nothing is pending where timers cannot be unreferenced (Deno)', () => {
    // Timers as numbers without unref(), as in Deno and browsers.
    const { setTimeout: realSetTimeout, clearTimeout: realClearTimeout } = globalThis;
    const live = new Map<number, ReturnType<typeof setTimeout>>();
    let nextId = 1;
    vi.stubGlobal('setTimeout', (callback: () => void, ms: number) => {
      const id = nextId++;
      live.set(id, realSetTimeout(callback, ms));
      return id;
    });
    vi.stubGlobal('clearTimeout', (id: number) => {
      realClearTimeout(live.get(id));
      live.delete(id);
    });
    try {
      const deadlines = new Deadlines();
      const first = deadlines.start(600_000, { expire: () => undefined });
      const second = deadlines.start(900_000, { expire: () => undefined });
      expect(live.size).toBe(1);
      deadlines.clear(first);
      expect(live.size).toBe(1);
      deadlines.clear(second);
      expect(live.size).toBe(0);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
