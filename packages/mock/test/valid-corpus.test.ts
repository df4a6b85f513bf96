// Every request of today's Messages API gets a 200: the SDK's corpus of valid requests
// (each typed by the official SDK), posted as they are, streamed and not, and counted.
// A request with a tool or block of a `type` newer than the spec is answered too, and
// what the explanation of a bad request says is not about such members.
/* eslint-disable @typescript-eslint/no-unsafe-return -- wire JSON is inspected as parsed `any` */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VALID_BETA, VALID_COUNT_TOKENS, VALID_REQUESTS, VALID_SAMPLING } from '../../sdk/test/fixtures/valid-requests.js';
import { startMockServer, type MockServer } from '../src/index.js';
import { eventData, messageBody, postJSON, type Json } from './helpers.js';

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});
afterAll(() => server.close());

const CREATE = [...VALID_REQUESTS, ...VALID_SAMPLING, ...VALID_BETA].map(({ name, params }) => [name, params as Record<string, unknown>] as const);
const STOP_REASONS = ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn'];

async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const response = await postJSON(`${server.url}${path}`, body);
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.startsWith('text/event-stream') ? text : JSON.parse(text) };
}

describe('the corpus of valid requests', () => {
  it('holds the requests of today’s API', () => {
    expect(CREATE.length).toBeGreaterThanOrEqual(80);
    expect(VALID_COUNT_TOKENS.length).toBeGreaterThanOrEqual(5);
  });

  it.each(CREATE)('answers %s with a message, counted as count_tokens counts it', async (_name, params) => {
    const reply = await post('/v1/messages', params);
    expect(reply.body.error).toBeUndefined();
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ type: 'message', role: 'assistant', model: params.model });
    expect(STOP_REASONS).toContain(reply.body.stop_reason);
    expect(reply.body.content.length).toBeGreaterThan(0);
    const { max_tokens: _max, stop_sequences: _stop, metadata: _metadata, temperature: _t, top_p: _p, top_k: _k, ...countable } = params;
    const counted = await post('/v1/messages/count_tokens', countable);
    expect(counted.status).toBe(200);
    expect(counted.body.input_tokens).toBe(reply.body.usage.input_tokens);
  });

  it.each(CREATE)('streams %s as the same message', async (_name, params) => {
    const json = await post('/v1/messages', params);
    const sse = await post('/v1/messages', { ...params, stream: true });
    expect(sse.status).toBe(200);
    const events = eventData(sse.body);
    expect(events[0].message.id).toBe(json.body.id);
    expect(events.at(-2).delta.stop_reason).toBe(json.body.stop_reason);
    expect(events.filter((event) => event.type === 'content_block_start')).toHaveLength(json.body.content.length);
  });

  it.each(VALID_COUNT_TOKENS.map(({ name, params }) => [name, params] as const))('counts %s', async (_name, params) => {
    const counted = await post('/v1/messages/count_tokens', params);
    expect(counted.status).toBe(200);
    expect(counted.body.input_tokens).toBeGreaterThan(0);
  });
});

describe('forward compatibility', () => {
  const hologram = { type: 'hologram_20270101', name: 'hologram', resolution: 'high' };
  const video = { type: 'video', source: { type: 'url', url: 'https://example.com/a.mp4' } };

  it('answers a request offering a tool of an unknown type, and never calls it', async () => {
    const reply = await post('/v1/messages', messageBody('Use hologram please', { tools: [hologram] }));
    expect(reply.status).toBe(200);
    expect(reply.body.stop_reason).toBe('end_turn');
    expect(reply.body.content.map((block: Json) => block.type)).toEqual(['text']);
  });

  it('answers a request with a content block of an unknown type, reading its text around it', async () => {
    const body = messageBody('', { messages: [{ role: 'user', content: [video, { type: 'text', text: 'What is in it?' }] }] });
    const reply = await post('/v1/messages', body);
    expect(reply.status).toBe(200);
    expect(reply.body.content[0].text).toContain('You said: "What is in it?"');
    const counted = await post('/v1/messages/count_tokens', { model: body.model, messages: body.messages });
    expect(counted.body.input_tokens).toBe(reply.body.usage.input_tokens);
  });

  it('still names a real problem, without blaming the unknown members', async () => {
    const body = messageBody('', { max_tokens: -1, tools: [hologram], messages: [{ role: 'user', content: [video] }] });
    const reply = await post('/v1/messages', body);
    expect(reply.status).toBe(400);
    // Only max_tokens is wrong: no "(and 2 more problems)" about the hologram tool or the video.
    expect(reply.body.error.message).toBe('max_tokens: Input should be greater than or equal to 0');
  });

  it('names a wrong known shape next to an unknown one', async () => {
    const body = messageBody('', { messages: [{ role: 'user', content: [video, { type: 'text' }] }] });
    const reply = await post('/v1/messages', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toBe('messages.0.content.1.text: Field required');
  });
});

describe('edge cases of today’s API', () => {
  it('answers max_tokens 0 with no content and stop_reason max_tokens', async () => {
    const reply = await post('/v1/messages', messageBody('Fill the cache', { max_tokens: 0 }));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ content: [], stop_reason: 'max_tokens', usage: { output_tokens: 0 } });
    const sse = eventData((await post('/v1/messages', messageBody('Fill the cache', { max_tokens: 0, stream: true }))).body);
    expect(sse.map((event) => event.type)).toEqual(['message_start', 'ping', 'message_delta', 'message_stop']);
  });

  it('reads past a system turn among the messages and answers the last user turn', async () => {
    const messages = [
      { role: 'user', content: 'Hello.' },
      { role: 'assistant', content: 'Hi!' },
      { role: 'system', content: 'Answer in French.' },
      { role: 'user', content: 'alpha beta' },
    ];
    const reply = await post('/v1/messages', messageBody('', { messages }));
    expect(reply.status).toBe(200);
    expect(reply.body.content[0].text).toContain('You said: "alpha beta"');
    const counted = await post('/v1/messages/count_tokens', { model: 'm', messages });
    // Hello. Hi! Answer in French. alpha beta
    expect(counted.body.input_tokens).toBe(7);
  });
});
