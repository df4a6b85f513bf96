// 100,000 sequential create() calls against the in-process mock: the heap after a full
// collection at 10,000 calls and at 100,000 must be within 2 MB, so nothing is kept per
// call (a response, a listener, a closure in a cache).
import Parley from '@parley/sdk';
import { createMockFetch } from '@parley/mock';
import { expect, it } from 'vitest';
import { heapAfterGc } from './helpers.js';

const CALLS = 100_000;
const FIRST_MEASURE = 10_000;
const MAX_GROWTH = 2 * 1024 * 1024;

it(`${CALLS.toLocaleString('en-US')} sequential create() calls keep the heap flat`, async () => {
  const fetch = createMockFetch();
  const client = new Parley({ apiKey: 'soak-key', baseURL: 'http://mock.local', fetch });
  const params = { model: 'claude-soak-1', max_tokens: 64, messages: [{ role: 'user' as const, content: 'Hello, soak test.' }] };
  const expected = (await client.messages.create(params)).content;
  let atFirst = 0;
  for (let call = 1; call <= CALLS; call++) {
    const message = await client.messages.create(params);
    // A cheap check on every call, a full one now and then: every reply must be the right one.
    if (message.content.length !== expected.length || call % 10_000 === 0) expect(message.content).toEqual(expected);
    // The mock's request log would grow by itself: it is not what is measured.
    if (call % 1_000 === 0) fetch.requests.length = 0;
    if (call === FIRST_MEASURE) atFirst = await heapAfterGc();
  }
  const atEnd = await heapAfterGc();
  const growth = atEnd - atFirst;
  console.log(`heap after ${FIRST_MEASURE.toLocaleString('en-US')} calls: ${(atFirst / 1e6).toFixed(2)} MB; after ${CALLS.toLocaleString('en-US')}: ${(atEnd / 1e6).toFixed(2)} MB; difference ${(growth / 1e6).toFixed(3)} MB`);
  expect(Math.abs(growth)).toBeLessThan(MAX_GROWTH);
});
