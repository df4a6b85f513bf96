// The batches API of the mock over real HTTP, driven by the official @anthropic-ai/sdk:
// an independent client that parses every reply shows the mock speaks the wire format.
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { messageBody, MODEL, postJSON } from './helpers.js';

const HOUR = 60 * 60 * 1000;
let now = Date.UTC(2026, 0, 1);
let server: MockServer;
let client: Anthropic;

beforeAll(async () => {
  server = await startMockServer({ port: 0, apiKey: 'test-key', batches: { processingDelayMs: 1000, clock: () => now } });
  client = new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());

const requests = [
  { custom_id: 'first', params: { model: MODEL, max_tokens: 64, messages: [{ role: 'user' as const, content: 'One' }] } },
  { custom_id: 'second', params: { model: MODEL, max_tokens: -1, messages: [{ role: 'user' as const, content: 'Two' }] } },
  { custom_id: 'third', params: { model: MODEL, max_tokens: 64, messages: [{ role: 'user' as const, content: 'Three' }] } },
  { custom_id: 'fourth', params: { model: MODEL, max_tokens: 64, messages: [{ role: 'user' as const, content: 'Four' }] } },
];

describe('the official SDK against the mock: message batches', () => {
  it('creates, retrieves, lists, reads results and deletes', async () => {
    const created = await client.messages.batches.create({ requests });
    expect(created).toMatchObject({
      type: 'message_batch',
      processing_status: 'in_progress',
      request_counts: { processing: 4, succeeded: 0, errored: 0, canceled: 0, expired: 0 },
      created_at: new Date(now).toISOString(),
      expires_at: new Date(now + 24 * HOUR).toISOString(),
      ended_at: null,
      results_url: null,
    });
    expect(created.id).toMatch(/^msgbatch_[A-Za-z0-9]{24}$/);

    now += 500; // half the processing time: two of four requests are done
    expect((await client.messages.batches.retrieve(created.id)).request_counts).toEqual({ processing: 2, succeeded: 1, errored: 1, canceled: 0, expired: 0 });

    now += 500;
    const ended = await client.messages.batches.retrieve(created.id);
    expect(ended).toMatchObject({ processing_status: 'ended', ended_at: new Date(now).toISOString(), results_url: `${server.url}/v1/messages/batches/${created.id}/results` });
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 3, errored: 1, canceled: 0, expired: 0 });

    const listed = [];
    for await (const batch of client.messages.batches.list({ limit: 1 })) listed.push(batch.id);
    expect(listed[0]).toBe(created.id);

    const results = [];
    for await (const result of await client.messages.batches.results(created.id)) results.push(result);
    expect(results.map((r) => [r.custom_id, r.result.type])).toEqual([
      ['first', 'succeeded'],
      ['second', 'errored'],
      ['third', 'succeeded'],
      ['fourth', 'succeeded'],
    ]);
    // The same reply as /v1/messages, and the same error body.
    const direct = (await (await postJSON(`${server.url}/v1/messages`, requests[0]!.params, { 'x-api-key': 'test-key' })).json());
    expect(results[0]!.result).toEqual({ type: 'succeeded', message: direct });
    const refused = (await (await postJSON(`${server.url}/v1/messages`, requests[1]!.params, { 'x-api-key': 'test-key' })).json());
    expect(results[1]!.result).toMatchObject({ type: 'errored', error: { type: 'error', error: refused.error } });

    expect(await client.messages.batches.delete(created.id)).toEqual({ id: created.id, type: 'message_batch_deleted' });
    await expect(client.messages.batches.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it('cancels: unprocessed requests end as canceled, and a running batch cannot be deleted', async () => {
    const created = await client.messages.batches.create({ requests });
    await expect(client.messages.batches.delete(created.id)).rejects.toMatchObject({ status: 400 });
    now += 250;
    const canceling = await client.messages.batches.cancel(created.id);
    expect(canceling).toMatchObject({ processing_status: 'canceling', cancel_initiated_at: new Date(now).toISOString() });
    now += 1;
    const ended = await client.messages.batches.retrieve(created.id);
    expect(ended.processing_status).toBe('ended');
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 1, errored: 0, canceled: 3, expired: 0 });
    const types = [];
    for await (const result of await client.messages.batches.results(created.id)) types.push(result.result.type);
    expect(types).toEqual(['succeeded', 'canceled', 'canceled', 'canceled']);
  });

  it('expires what is unprocessed 24 hours after creation', async () => {
    const slow = await startMockServer({ port: 0, batches: { processingDelayMs: 48 * HOUR, clock: () => now } });
    try {
      const other = new Anthropic({ apiKey: 'k', baseURL: slow.url, maxRetries: 0 });
      const created = await other.messages.batches.create({ requests });
      now += 25 * HOUR;
      const ended = await other.messages.batches.retrieve(created.id);
      expect(ended).toMatchObject({ processing_status: 'ended', ended_at: created.expires_at });
      expect(ended.request_counts).toEqual({ processing: 0, succeeded: 1, errored: 1, canceled: 0, expired: 2 });
    } finally {
      await slow.close();
    }
  });

  it('takes a batch body larger than a message request may be (over 32 MB), whole', async () => {
    const own = await startMockServer({ port: 0 });
    try {
      const text = 'x'.repeat(20_000_000);
      const big = [0, 1].map((i) => ({ custom_id: `big-${i}`, params: { model: MODEL, max_tokens: 8, messages: [{ role: 'user' as const, content: `${i} ${text}` }] } }));
      const created = await new Anthropic({ apiKey: 'k', baseURL: own.url, maxRetries: 0 }).messages.batches.create({ requests: big });
      expect(created.request_counts.processing + created.request_counts.succeeded).toBe(2);
      expect(own.requests.at(-1)?.bytes).toBeGreaterThan(40_000_000);
    } finally {
      await own.close();
    }
  });

  it('refuses duplicate custom_ids and too many requests with the API error body', async () => {
    const duplicate = client.messages.batches.create({ requests: [requests[0]!, requests[0]!] });
    await expect(duplicate).rejects.toMatchObject({ status: 400, error: { type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining("duplicate custom_id 'first'") as unknown } } });
    const many = Array.from({ length: 100_001 }, (_, i) => ({ custom_id: `r${i}`, params: messageBody() }));
    const tooMany = await postJSON(`${server.url}/v1/messages/batches`, { requests: many }, { 'x-api-key': 'test-key' });
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json())).error.message).toMatch(/at most 100000 requests/);
  });

  it('pages the list both ways', async () => {
    const made = [];
    for (let i = 0; i < 3; i++) made.push((await client.messages.batches.create({ requests })).id);
    const ids = [];
    for await (const batch of client.messages.batches.list({ limit: 2 })) ids.push(batch.id);
    // Newest first, across pages; the deleted batch is gone.
    expect(ids.slice(0, 3)).toEqual(made.reverse());
    expect(ids).toHaveLength(4);
    const page = await client.messages.batches.list({ limit: 1, after_id: ids[0]! });
    expect(page.data.map((b) => b.id)).toEqual([ids[1]]);
    const back = await client.messages.batches.list({ limit: 1, before_id: ids[1]! });
    expect(back.data.map((b) => b.id)).toEqual([ids[0]]);
  });
});
