// Same request, same bytes: over HTTP, on one server and across two servers.
/* eslint-disable @typescript-eslint/no-unsafe-return -- wire JSON is inspected as parsed `any` */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { messageBody, postJSON } from './helpers.js';

let first: MockServer;
let second: MockServer;

beforeAll(async () => {
  [first, second] = await Promise.all([startMockServer({ port: 0 }), startMockServer({ port: 0 })]);
});
afterAll(() => Promise.all([first.close(), second.close()]));

const tools = [{ name: 'lookup', input_schema: { type: 'object' as const, properties: { q: { type: 'string' } }, required: ['q'] } }];
const requests = {
  text: messageBody('Determinism matters'),
  tools: messageBody('Please lookup this', { tools }),
  thinking: messageBody('Think first', { max_tokens: 4096, thinking: { type: 'enabled', budget_tokens: 2048 } }),
  serverTools: messageBody('web_search tides, web_fetch https://example.org/moon and code_execution done', {
    thinking: { type: 'adaptive' },
    tools: [
      { type: 'web_search_20250305', name: 'web_search' },
      { type: 'web_fetch_20250910', name: 'web_fetch' },
      { type: 'code_execution_20250825', name: 'code_execution' },
    ],
  }),
};

async function bytes(server: MockServer, body: unknown): Promise<string> {
  const response = await postJSON(`${server.url}/v1/messages`, body);
  expect(response.status).toBe(200);
  return response.text();
}

describe('determinism', () => {
  it.each(Object.entries(requests))('gives byte-identical JSON bodies (%s)', async (_name, body) => {
    const once = await bytes(first, body);
    expect(await bytes(first, body)).toBe(once);
    expect(await bytes(second, body)).toBe(once);
  });

  it.each(Object.entries(requests))('gives byte-identical SSE bodies (%s)', async (_name, body) => {
    const streamed = { ...body, stream: true };
    const once = await bytes(first, streamed);
    expect(once).toContain('event: message_stop');
    expect(await bytes(first, streamed)).toBe(once);
    expect(await bytes(second, streamed)).toBe(once);
  });

  it('gives different ids to different requests', async () => {
    const ids = await Promise.all(Object.values(requests).map(async (body) => JSON.parse(await bytes(first, body)).id));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
