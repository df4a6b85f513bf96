import Anthropic from '@anthropic-ai/sdk';
import { APIUserAbortError, NotFoundError, ParleyError, RequestValidationError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import Parley from '../src/index.js';
import { API_KEY, MODEL, mock, PARAMS, rawServer } from './helpers.js';

const requests = [
  { custom_id: 'first', params: PARAMS },
  { custom_id: 'second', params: { ...PARAMS, max_tokens: -1 } },
  { custom_id: 'third', params: { ...PARAMS, messages: [{ role: 'user' as const, content: 'Third' }] } },
];

async function setup(processingDelayMs = 1000) {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const server = await mock({ batches: { processingDelayMs, clock: () => clock.now } });
  return { server, clock, client: new Parley({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 }) };
}

describe('messages.batches', () => {
  it('creates, retrieves, lists, reads results, deletes: the same as the official SDK', async () => {
    const { client, clock, server } = await setup();
    const official = new Anthropic({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
    // `max_tokens: -1` fails on the server, not here: validation is off for this batch.
    const created = await client.messages.batches.create({ requests }, { validate: false });
    expect(created).toMatchObject({ type: 'message_batch', processing_status: 'in_progress', request_counts: { processing: 3 } });
    expect(await client.messages.batches.retrieve(created.id)).toEqual(await official.messages.batches.retrieve(created.id));
    clock.now += 1000;
    const { data: ended, requestId } = await client.messages.batches.retrieve(created.id).withResponse();
    expect(ended.processing_status).toBe('ended');
    expect(ended.request_counts).toEqual({ processing: 0, succeeded: 2, errored: 1, canceled: 0, expired: 0 });
    expect(requestId).toMatch(/^req_/);

    const ours = [];
    for await (const result of client.messages.batches.results(created.id)) ours.push(result);
    const theirs = [];
    for await (const result of await official.messages.batches.results(created.id)) theirs.push(result);
    expect(ours).toEqual(theirs);
    expect(ours.map((r) => r.result.type)).toEqual(['succeeded', 'errored', 'succeeded']);
    const first = ours[0]!.result;
    expect(first.type === 'succeeded' && first.message.model).toBe(MODEL);

    const listed = [];
    for await (const batch of client.messages.batches.list({ limit: 1 })) listed.push(batch);
    const listedByOfficial = [];
    for await (const batch of official.messages.batches.list({ limit: 1 })) listedByOfficial.push(batch);
    expect(listed).toEqual(listedByOfficial);
    const pages = [];
    for await (const page of client.messages.batches.list({ limit: 1 }).pages()) pages.push(page.data.length);
    expect(pages).toEqual([1]);

    expect(await client.messages.batches.delete(created.id)).toEqual({ id: created.id, type: 'message_batch_deleted' });
    await expect(client.messages.batches.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('checks every request like messages.create before sending, naming the request', async () => {
    const { client, server } = await setup();
    const error: unknown = await client.messages.batches.create({ requests }).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(RequestValidationError.isInstance(error)).toBe(true);
    expect((error as RequestValidationError).path).toEqual(['requests', 1, 'params', 'max_tokens']);
    expect((error as Error).message).toContain("request 'second'");
    await expect(client.messages.batches.create({ requests: [{ custom_id: 'a b', params: PARAMS }] })).rejects.toMatchObject({ path: ['requests', 0, 'custom_id'] });
    expect(server.requests).toHaveLength(0);
  });

  it('cancels: what was not processed ends as canceled', async () => {
    const { client, clock } = await setup();
    const created = await client.messages.batches.create({ requests: requests.filter((r) => r.custom_id !== 'second') });
    clock.now += 600;
    expect((await client.messages.batches.cancel(created.id)).processing_status).toBe('canceling');
    clock.now += 1;
    const types = [];
    for await (const { result } of client.messages.batches.results(created.id)) types.push(result.type);
    expect(types).toEqual(['succeeded', 'canceled']);
  });

  it('wait() polls until the batch ends, reporting each change of the counts', async () => {
    const { client, clock } = await setup();
    const four = [...requests.filter((r) => r.custom_id !== 'second'), { custom_id: 'fourth', params: PARAMS }, { custom_id: 'fifth', params: PARAMS }];
    const created = await client.messages.batches.create({ requests: four });
    const seen: number[] = [];
    const ended = await client.messages.batches.wait(created.id, {
      pollIntervalMs: 1,
      onProgress: (batch) => {
        seen.push(batch.request_counts.succeeded);
        clock.now += 250; // a quarter of the processing time between two polls
      },
    });
    expect(ended.processing_status).toBe('ended');
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('wait() stops at once when aborted', async () => {
    const { client } = await setup();
    const created = await client.messages.batches.create({ requests: [requests[0]!] });
    const controller = new AbortController();
    const waiting = client.messages.batches.wait(created.id, { signal: controller.signal, pollIntervalMs: 60_000 });
    setTimeout(() => {
      controller.abort();
    }, 20);
    await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it('wait() honours retry-after on a poll', async () => {
    let polls = 0;
    const batch = { id: 'msgbatch_1', type: 'message_batch', processing_status: 'in_progress', request_counts: { processing: 1, succeeded: 0, errored: 0, canceled: 0, expired: 0 } };
    const server = await rawServer((_req, res) => {
      polls++;
      const status = polls < 2 ? 'in_progress' : 'ended';
      res.writeHead(200, { 'content-type': 'application/json', 'retry-after': '0' });
      res.end(JSON.stringify({ ...batch, processing_status: status }));
    });
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url });
    // An interval of an hour: only the server's `retry-after: 0` lets this end.
    const ended = await client.messages.batches.wait('msgbatch_1', { pollIntervalMs: 3_600_000 });
    expect(ended.processing_status).toBe('ended');
    expect(polls).toBe(2);
  });

  it('results() sends no credentials to a results_url on another origin', async () => {
    const elsewhere = await rawServer((_req, res) => res.end('{}\n'));
    const api = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'b', type: 'message_batch', processing_status: 'ended', results_url: `${elsewhere.url}/v1/messages/batches/b/results` }));
    });
    const client = new Parley({ apiKey: API_KEY, baseURL: api.url });
    const reading = async () => {
      for await (const _ of client.messages.batches.results('b')) expect.unreachable();
    };
    await expect(reading()).rejects.toThrow(/not under the API's base URL/);
    expect(elsewhere.hits).toHaveLength(0);
  });

  it('results() of a batch still processing says to wait', async () => {
    const { client } = await setup();
    const created = await client.messages.batches.create({ requests: [requests[0]!] });
    const reading = async () => {
      for await (const _ of client.messages.batches.results(created.id)) expect.unreachable();
    };
    await expect(reading()).rejects.toThrow(ParleyError);
    await expect(reading()).rejects.toThrow(/in_progress/);
  });

  it('results() stops at a malformed line after yielding the good ones, naming the line', async () => {
    const api = await rawServer((req, res) => {
      if (req.url?.endsWith('/results') === true) {
        res.writeHead(200, { 'content-type': 'application/x-jsonl' });
        res.end('{"custom_id":"a","result":{"type":"canceled"}}\r\n{"custom_id":"b","result":{"type":"expired"}}\n{not json\n{"custom_id":"c"}\n');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'b', type: 'message_batch', processing_status: 'ended', results_url: `${api.url}/v1/messages/batches/b/results` }));
    });
    const client = new Parley({ apiKey: API_KEY, baseURL: api.url });
    const ids: string[] = [];
    const reading = async () => {
      for await (const result of client.messages.batches.results('b')) ids.push(result.custom_id);
    };
    await expect(reading()).rejects.toMatchObject({ name: 'JSONLineError', line: 3, message: 'Line 3 of the JSON Lines body is not JSON: {not json' });
    expect(ids).toEqual(['a', 'b']);
    // Credentials went to the API's own origin, results included.
    expect(api.hits.every((hit) => hit.headers['x-api-key'] === API_KEY)).toBe(true);
  });

  it('retries a failed results download like any other call', async () => {
    // Requests: the create, the retrieve inside results(), then the download, which fails once.
    const server = await mock({ faults: [{}, {}, { status: 503, headers: { 'retry-after': '0' } }] });
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, maxRetries: 1 });
    const created = await client.messages.batches.create({ requests: [requests[0]!] });
    const ids = [];
    for await (const result of client.messages.batches.results(created.id)) ids.push(result.custom_id);
    expect(ids).toEqual(['first']);
    expect(server.requests.map((r) => r.path)).toEqual([
      '/v1/messages/batches',
      `/v1/messages/batches/${created.id}`,
      `/v1/messages/batches/${created.id}/results`,
      `/v1/messages/batches/${created.id}/results`,
    ]);
  });
});
