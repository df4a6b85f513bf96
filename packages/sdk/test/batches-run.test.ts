// The bulk runner against the mock over HTTP: packing under both limits, every result
// exactly once, duplicates refused before anything is sent, resume without resending.
import type { MessageBatchRequest } from '@parley/core';
import type { RecordedRequest } from '@parley/mock';
import { APIUserAbortError, RequestValidationError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import Parley from '../src/index.js';
import { API_KEY, mock, PARAMS } from './helpers.js';

const request = (i: number, text = `Question ${i}`): MessageBatchRequest => ({ custom_id: `q${i}`, params: { ...PARAMS, max_tokens: 8, messages: [{ role: 'user', content: text }] } });

function* generate(count: number, text?: (i: number) => string): Generator<MessageBatchRequest> {
  for (let i = 0; i < count; i++) yield request(i, text?.(i));
}

const creates = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages/batches');
const sentIds = (requests: RecordedRequest[]) => creates(requests).flatMap((r) => (r.body as { requests: MessageBatchRequest[] }).requests.map((q) => q.custom_id));

async function setup() {
  const server = await mock();
  return { server, client: new Parley({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 }) };
}

describe('messages.batches.run', () => {
  it('sends 250,000 requests as 3 batches and yields every result exactly once', async () => {
    const { client, server } = await setup();
    const created: string[] = [];
    const seen = new Map<string, number>();
    for await (const result of client.messages.batches.run(() => generate(250_000), { pollIntervalMs: 1, onBatchCreated: (batch) => void created.push(batch.id) })) {
      seen.set(result.custom_id, (seen.get(result.custom_id) ?? 0) + 1);
      expect(created).toContain(result.batch_id);
    }
    expect(created).toHaveLength(3);
    expect(creates(server.requests).map((r) => (r.body as { requests: unknown[] }).requests.length)).toEqual([100_000, 100_000, 50_000]);
    expect(seen.size).toBe(250_000);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
  }, 120_000);

  it('starts a new batch before the bytes sent would pass the limit', async () => {
    const { client, server } = await setup();
    const maxBatchBytes = 100_000;
    const big = (i: number) => `${'x'.repeat(3000)} é ${i}`;
    const ids: string[] = [];
    for await (const result of client.messages.batches.run(() => generate(200, big), { maxBatchBytes, pollIntervalMs: 1 })) ids.push(result.custom_id);
    const sizes = creates(server.requests).map((r) => r.bytes ?? Infinity);
    expect(sizes.length).toBeGreaterThan(6); // ~3 KB a request: about 32 requests a batch
    expect(Math.max(...sizes)).toBeLessThanOrEqual(maxBatchBytes);
    // Packed tightly: each batch but the last would have passed the limit with one more request.
    for (const size of sizes.slice(0, -1)) expect(size).toBeGreaterThan(maxBatchBytes - 3200);
    expect(ids.sort()).toEqual([...generate(200)].map((r) => r.custom_id).sort());
  });

  it('refuses duplicate custom_ids and invalid requests before anything is sent', async () => {
    const { client, server } = await setup();
    const withDuplicate = [...generate(10), request(3)];
    await expect(client.messages.batches.run(withDuplicate).next()).rejects.toMatchObject({ name: 'RequestValidationError', path: ['requests', 10, 'custom_id'] });
    const withInvalid = [...generate(10), { custom_id: 'bad', params: { ...PARAMS, max_tokens: -1 } }];
    const error: unknown = await client.messages.batches
      .run(withInvalid)
      .next()
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(RequestValidationError.isInstance(error)).toBe(true);
    expect((error as RequestValidationError).path).toEqual(['requests', 10, 'params', 'max_tokens']);
    expect(server.requests).toHaveLength(0);
  });

  it('says how to pass input that can only be read once', async () => {
    const { client } = await setup();
    await expect(client.messages.batches.run(generate(3)).next()).rejects.toThrow(/function that returns a fresh iterable/);
  });

  it('resumes an interrupted run: collects the created batches, sends only the rest, nothing twice', async () => {
    const { client, server } = await setup();
    const input = () => generate(95);
    const saved: string[] = [];
    const controller = new AbortController();
    const first: string[] = [];
    const interrupted = async () => {
      const options = { maxRequestsPerBatch: 10, concurrency: 2, pollIntervalMs: 1, signal: controller.signal, onBatchCreated: (batch: { id: string }) => void saved.push(batch.id) };
      for await (const result of client.messages.batches.run(input, options)) {
        first.push(result.custom_id);
        if (first.length === 25) controller.abort();
      }
    };
    await expect(interrupted()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(saved.length).toBeGreaterThanOrEqual(3);
    expect(saved.length).toBeLessThan(10);
    const sentBefore = sentIds(server.requests);

    const second = new Map<string, number>();
    for await (const result of client.messages.batches.run(input, { maxRequestsPerBatch: 10, pollIntervalMs: 1, resume: saved })) {
      second.set(result.custom_id, (second.get(result.custom_id) ?? 0) + 1);
    }
    expect(second.size).toBe(95);
    expect([...second.values()].every((count) => count === 1)).toBe(true);
    const sent = sentIds(server.requests);
    expect(new Set(sent).size).toBe(sent.length); // nothing submitted twice
    expect(sent).toHaveLength(95);
    expect(sent.slice(0, sentBefore.length)).toEqual(sentBefore);
  });

  it('run.resume collects the results of given batches without sending anything', async () => {
    const { client, server } = await setup();
    const a = await client.messages.batches.create({ requests: [...generate(3)] });
    const b = await client.messages.batches.create({ requests: [request(7)] });
    server.reset();
    const results = [];
    for await (const result of client.messages.batches.run.resume([a.id, b.id], { pollIntervalMs: 1 })) results.push(`${result.batch_id === a.id ? 'a' : 'b'}:${result.custom_id}`);
    expect(results.sort()).toEqual(['a:q0', 'a:q1', 'a:q2', 'b:q7']);
    expect(creates(server.requests)).toHaveLength(0);
  });
});
