import { describe, expect, it } from 'vitest';
import { Deadlines } from '../src/deadlines.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Deadlines', () => {
  it('calls back once the time has passed, not before', async () => {
    const deadlines = new Deadlines();
    const fired: number[] = [];
    const started = performance.now();
    deadlines.start(40, () => fired.push(performance.now() - started));
    await wait(10);
    expect(fired).toEqual([]);
    await wait(80);
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeGreaterThanOrEqual(39);
  });

  it('never calls back a deadline stopped in time, and stopping twice is harmless', async () => {
    const deadlines = new Deadlines();
    let fired = 0;
    const stop = deadlines.start(20, () => fired++);
    stop();
    stop();
    await wait(60);
    expect(fired).toBe(0);
  });

  it('fires each deadline in its turn when a shorter one starts after a longer one', async () => {
    const deadlines = new Deadlines();
    const order: string[] = [];
    deadlines.start(120, () => order.push('long'));
    deadlines.start(20, () => order.push('short'));
    await wait(70);
    expect(order).toEqual(['short']);
    await wait(120);
    expect(order).toEqual(['short', 'long']);
  });

  it('keeps later deadlines after an earlier one is stopped, and serves new ones after all ended', async () => {
    const deadlines = new Deadlines();
    const order: string[] = [];
    const stopFirst = deadlines.start(20, () => order.push('first'));
    deadlines.start(50, () => order.push('second'));
    stopFirst();
    await wait(90);
    expect(order).toEqual(['second']);
    deadlines.start(10, () => order.push('third'));
    await wait(50);
    expect(order).toEqual(['second', 'third']);
  });
});
