// A long-lived signal given to many calls (one per user session, say) must not collect
// a listener per call: each call removes what it added once it is done.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import Parley from '../src/index.js';
import { API_KEY, PARAMS, mock } from './helpers.js';

describe('the caller\'s signal', () => {
  it('keeps no listener after create(), stream() and create({ stream: true }) are done', async () => {
    const server = await mock();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url });
    const { signal } = new AbortController();
    await client.messages.create(PARAMS, { signal });
    await client.messages.stream(PARAMS, { signal }).finalMessage();
    for await (const _event of await client.messages.create({ ...PARAMS, stream: true }, { signal })) {
      // read to the end
    }
    const { data: stream } = await client.messages.create({ ...PARAMS, stream: true }, { signal }).withResponse();
    await stream.finalMessage();
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('still stops a stream once the sender has let go of it', async () => {
    const server = await mock();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url });
    const user = new AbortController();
    const stream = client.messages.stream(PARAMS, { signal: user.signal, headers: { 'x-mock-fault': JSON.stringify({ stallAfterEvents: 2 }) } });
    await new Promise<void>((resolve) => stream.on('connect', () => { resolve(); }));
    user.abort();
    await expect(stream.finalMessage()).rejects.toMatchObject({ name: 'APIUserAbortError' });
    expect(getEventListeners(user.signal, 'abort')).toHaveLength(0);
  });
});
