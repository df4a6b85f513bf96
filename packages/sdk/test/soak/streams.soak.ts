// 10,000 streams over real HTTP to the mock, all given one long-lived signal of the
// user's: half read to the end, half aborted at a random point (seeded), by abort() or
// by leaving the loop. Afterwards no listener is left on the user's signal, and no
// socket, handle or timer (unref'd ones included) beyond what there was before.
import { getEventListeners } from 'node:events';
import Parley, { APIUserAbortError } from '@parley/sdk';
import { startMockServer } from '@parley/mock';
import { expect, it } from 'vitest';
import { activeResources, eventually, resourcesBeyond, seeded, trackTimers } from './helpers.js';

const STREAMS = 10_000;
const CONCURRENCY = 50;
const CHECKPOINT = 1_000;
// For the streams to abort, each chunk waits 1 ms: the abort lands while the body is still arriving.
const DRIP = { 'x-mock-fault': JSON.stringify({ dripMs: 1 }) };
const params = { model: 'claude-soak-1', max_tokens: 256, messages: [{ role: 'user' as const, content: 'Tell me a story about a lighthouse keeper and the sea.' }] };

it(`${STREAMS.toLocaleString('en-US')} streams, half aborted at a random point, leave no listener, timer or socket behind`, async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const resourcesBefore = activeResources();
  const timers = trackTimers();
  const server = await startMockServer();
  const user = new AbortController();
  const client = new Parley({ apiKey: 'soak-key', baseURL: server.url });
  const random = seeded(20);

  // The ground truth, and how many events a stream has.
  const reference = client.messages.stream(params, { signal: user.signal, headers: DRIP });
  let events = 0;
  for await (const _event of reference) events++;
  const text = (await reference.finalMessage()).content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  expect(events).toBeGreaterThan(5);
  // What the first stream left for good (undici's timer wheel, say) is the baseline.
  await eventually(() => false, 200);
  const timersBefore = timers.live();

  const counts = { read: 0, aborted: 0, broken: 0 };
  const listenersAtCheckpoints: number[] = [];
  async function one(): Promise<void> {
    const readToTheEnd = random() < 0.5;
    const stream = client.messages.stream(params, { signal: user.signal, ...(readToTheEnd ? {} : { headers: DRIP }) });
    if (readToTheEnd) {
      const message = await stream.finalMessage();
      expect(message.content.map((block) => (block.type === 'text' ? block.text : '')).join('')).toBe(text);
      counts.read++;
      return;
    }
    // Somewhere from the first event to the one before the last, so the stream has not ended.
    const at = 1 + Math.floor(random() * (events - 1));
    const byAbort = random() < 0.5;
    let seen = 0;
    try {
      for await (const _event of stream) {
        if (++seen < at) continue;
        if (byAbort) stream.abort();
        else break;
      }
    } catch (error) {
      expect(APIUserAbortError.isInstance(error), String(error)).toBe(true);
    }
    await expect(stream.finalMessage()).rejects.toSatisfy((error) => APIUserAbortError.isInstance(error));
    if (byAbort) counts.aborted++;
    else counts.broken++;
  }

  let started = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (started < STREAMS) {
      started++;
      await one();
      if (++done % CHECKPOINT === 0) listenersAtCheckpoints.push(getEventListeners(user.signal, 'abort').length);
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  const listeners = getEventListeners(user.signal, 'abort').length;
  await server.close();
  // Closed sockets and cleared timers go away within a few turns of the event loop.
  await eventually(() => resourcesBeyond(resourcesBefore, activeResources()).length === 0 && timers.live() <= timersBefore, 3_000);
  const extraResources = resourcesBeyond(resourcesBefore, activeResources());
  const liveTimers = timers.live();
  timers.stop();
  process.off('unhandledRejection', onUnhandled);
  console.log(
    `${STREAMS.toLocaleString('en-US')} streams: ${counts.read} read to the end, ${counts.aborted} aborted by abort(), ${counts.broken} by leaving the loop; ` +
      `listeners on the user's signal at each ${CHECKPOINT.toLocaleString('en-US')}: ${listenersAtCheckpoints.join(', ')}, at the end: ${listeners}; ` +
      `resources beyond the baseline: ${extraResources.length === 0 ? 'none' : extraResources.join(', ')}; timers live beyond the baseline: ${liveTimers - timersBefore}`,
  );
  expect(counts.read + counts.aborted + counts.broken).toBe(STREAMS);
  expect(counts.read).toBeGreaterThan(STREAMS * 0.45);
  expect(listeners, 'abort listeners left on the user\'s signal').toBe(0);
  // At a checkpoint only the streams in flight listen to it: the sender until the stream
  // has the body, the stream until it ends.
  expect(Math.max(...listenersAtCheckpoints)).toBeLessThanOrEqual(2 * CONCURRENCY);
  expect(extraResources, 'sockets, handles or timers beyond the baseline').toEqual([]);
  expect(liveTimers - timersBefore, 'timers created during the run and never fired nor cleared').toBeLessThanOrEqual(0);
  expect(unhandled).toEqual([]);
});
