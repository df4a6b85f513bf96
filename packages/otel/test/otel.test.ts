// @parley/otel with the real OpenTelemetry SDKs against the mock over HTTP: spans,
// metrics, streams that end, break or are aborted, retries, errors, and what is never
// recorded.
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import Parley, { type Middleware } from '@parley/sdk';
import { describe, expect, it } from 'vitest';
import { otel } from '../src/index.js';
import { API_KEY, MODEL, PARAMS, PROMPT, exportedText, mock, telemetry } from './setup.js';

// Every attribute name this package may set, as the GenAI conventions spell them (plus
// `http.response.status_code` and `parley.attempt` on retry events).
const CONVENTION_NAMES = new Set([
  'gen_ai.operation.name', 'gen_ai.provider.name', 'gen_ai.request.model', 'gen_ai.request.max_tokens',
  'gen_ai.request.temperature', 'gen_ai.request.top_p', 'gen_ai.request.top_k', 'gen_ai.request.stop_sequences',
  'gen_ai.request.stream', 'gen_ai.response.id', 'gen_ai.response.model', 'gen_ai.response.finish_reasons',
  'gen_ai.response.time_to_first_chunk', 'gen_ai.usage.input_tokens', 'gen_ai.usage.output_tokens',
  'gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_creation.input_tokens', 'gen_ai.token.type',
  'gen_ai.input.messages', 'gen_ai.output.messages', 'gen_ai.system_instructions', 'server.address', 'server.port', 'error.type',
]);

async function setup(options: Parameters<typeof mock>[0] = {}, captureContent = false) {
  const server = await mock(options);
  const t = telemetry();
  const middleware: Middleware = otel({ tracerProvider: t.tracerProvider, meterProvider: t.meterProvider, captureContent });
  const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [middleware] });
  const port = Number(new URL(server.url).port);
  return { server, client, port, ...t };
}

const soon = { 'retry-after-ms': '0' };

describe('otel: spans', () => {
  it('records messages.create as a client span with the request and reply attributes', async () => {
    const { client, spans, port } = await setup();
    const message = await client.messages.create(PARAMS);
    const [span, ...others] = spans();
    expect(others).toEqual([]);
    expect(span?.name).toBe(`chat ${MODEL}`);
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    const input = message.usage.input_tokens + (message.usage.cache_read_input_tokens ?? 0) + (message.usage.cache_creation_input_tokens ?? 0);
    expect(span?.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': MODEL,
      'gen_ai.request.max_tokens': 64,
      'gen_ai.request.temperature': 0.5,
      'gen_ai.request.top_p': 0.9,
      'gen_ai.request.top_k': 40,
      'gen_ai.request.stop_sequences': ['###'],
      'gen_ai.response.id': message.id,
      'gen_ai.response.model': message.model,
      'gen_ai.response.finish_reasons': [message.stop_reason],
      'gen_ai.usage.input_tokens': input,
      'gen_ai.usage.output_tokens': message.usage.output_tokens,
      'gen_ai.usage.cache_read.input_tokens': message.usage.cache_read_input_tokens ?? 0,
      'gen_ai.usage.cache_creation.input_tokens': message.usage.cache_creation_input_tokens ?? 0,
      'server.address': '127.0.0.1',
      'server.port': port,
    });
    expect(span?.events).toEqual([]);
    expect(Object.keys(span?.attributes ?? {}).every((name) => CONVENTION_NAMES.has(name))).toBe(true);
  });

  it('ends a stream span with the stream: final usage, finish reason and time to first chunk', async () => {
    const { client, spans } = await setup({ faults: [{ dripMs: 5 }] });
    const stream = client.messages.stream(PARAMS);
    await stream.emitted('connect');
    expect(spans()).toEqual([]);
    const message = await stream.finalMessage();
    await expect.poll(() => spans().length).toBe(1);
    const span = spans()[0];
    expect(span?.name).toBe(`chat ${MODEL}`);
    expect(span?.attributes['gen_ai.request.stream']).toBe(true);
    expect(span?.attributes['gen_ai.response.id']).toBe(message.id);
    expect(span?.attributes['gen_ai.response.finish_reasons']).toEqual([message.stop_reason]);
    expect(span?.attributes['gen_ai.usage.output_tokens']).toBe(message.usage.output_tokens);
    expect(span?.attributes['gen_ai.usage.input_tokens']).toBe(message.usage.input_tokens);
    expect(span?.attributes['gen_ai.response.time_to_first_chunk']).toBeGreaterThan(0);
    expect(span?.status.code).toBe(SpanStatusCode.UNSET);
    expect(Object.keys(span?.attributes ?? {}).every((name) => CONVENTION_NAMES.has(name))).toBe(true);
  });

  it('ends the span of a stream aborted by the caller, with error.type', async () => {
    const { client, spans, points } = await setup({ faults: [{ dripMs: 20 }] });
    const stream = client.messages.stream(PARAMS);
    await stream.emitted('text');
    stream.abort();
    await stream.done().catch(() => undefined);
    await expect.poll(() => spans().length).toBe(1);
    const span = spans()[0];
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes['error.type']).toBe('APIUserAbortError');
    expect(span?.attributes['gen_ai.response.id']).toMatch(/^msg_/);
    const recorded = await points();
    expect(recorded['gen_ai.client.operation.duration']?.map((point) => point.attributes['error.type'])).toEqual(['APIUserAbortError']);
    expect(recorded['gen_ai.client.operation.time_to_first_chunk']?.[0]?.value.count).toBe(1);
  });

  it('ends the span of a stream that fails mid-way with the error event type', async () => {
    const { client, spans, points } = await setup({ faults: [{ errorAfterEvents: 4 }] });
    await expect(client.messages.stream(PARAMS).finalMessage()).rejects.toThrow();
    await expect.poll(() => spans().length).toBe(1);
    expect(spans()[0]?.attributes['error.type']).toBe('overloaded_error');
    expect(spans()[0]?.status.code).toBe(SpanStatusCode.ERROR);
    const duration = (await points())['gen_ai.client.operation.duration'];
    expect(duration?.map((point) => [point.attributes['error.type'], point.value.count])).toEqual([['overloaded_error', 1]]);
  });

  it('ends the span of a stream whose connection drops, with error.type', async () => {
    const { client, spans } = await setup({ faults: [{ dropAfterEvents: 3 }], });
    await expect(client.messages.stream(PARAMS, { maxRetries: 0 }).finalMessage()).rejects.toThrow();
    await expect.poll(() => spans().length).toBe(1);
    expect(spans()[0]?.status.code).toBe(SpanStatusCode.ERROR);
    expect(spans()[0]?.attributes['error.type']).toEqual(expect.any(String));
  });

  it('records countTokens as its own operation, without token usage', async () => {
    const { client, spans, points } = await setup();
    await client.messages.countTokens({ model: MODEL, messages: PARAMS.messages });
    expect(spans().map((span) => span.name)).toEqual([`count_tokens ${MODEL}`]);
    expect(spans()[0]?.attributes['gen_ai.operation.name']).toBe('count_tokens');
    expect(spans()[0]?.attributes['gen_ai.usage.input_tokens']).toBeUndefined();
    const recorded = await points();
    expect(recorded['gen_ai.client.token.usage']).toBeUndefined();
    expect(recorded['gen_ai.client.operation.duration']?.[0]?.attributes['gen_ai.operation.name']).toBe('count_tokens');
  });

  it('keeps one span across a retry, with one retry event, and records the call once', async () => {
    const { client, spans, server, points } = await setup({ faults: [{ status: 529, headers: soon }] });
    const message = await client.messages.create(PARAMS);
    const recorded = await points();
    expect(recorded['gen_ai.client.operation.duration']?.map((point) => [point.attributes['error.type'], point.value.count])).toEqual([[undefined, 1]]);
    expect(recorded['gen_ai.client.token.usage']?.find((point) => point.attributes['gen_ai.token.type'] === 'output')?.value.sum).toBe(message.usage.output_tokens);
    expect(server.requests).toHaveLength(2);
    expect(spans()).toHaveLength(1);
    expect(spans()[0]?.events.map((event) => [event.name, event.attributes])).toEqual([['parley.retry', { 'parley.attempt': 2, 'http.response.status_code': 529 }]]);
    expect(spans()[0]?.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('marks a 400 as an error with the API error type, in the span and the duration metric', async () => {
    const { client, spans, points } = await setup({ faults: [{ status: 400 }] });
    await expect(client.messages.create(PARAMS)).rejects.toThrow();
    const span = spans()[0];
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'invalid_request_error' });
    expect(span?.attributes['error.type']).toBe('invalid_request_error');
    const duration = (await points())['gen_ai.client.operation.duration'];
    expect(duration?.[0]?.attributes['error.type']).toBe('invalid_request_error');
  });

  it('makes a span around the call its parent', async () => {
    const { client, spans, tracerProvider } = await setup();
    const tracer = tracerProvider.getTracer('test');
    await tracer.startActiveSpan('outer', async (outer) => {
      await client.messages.create(PARAMS);
      outer.end();
    });
    const outer = spans().find((span) => span.name === 'outer');
    const call = spans().find((span) => span.name.startsWith('chat'));
    expect(call?.parentSpanContext?.spanId).toBe(outer?.spanContext().spanId);
    expect(call?.spanContext().traceId).toBe(outer?.spanContext().traceId);
  });

  it('leaves other operations untraced', async () => {
    const { client, spans } = await setup();
    await client.models.page({ limit: 1 });
    expect(spans()).toEqual([]);
  });
});

describe('otel: metrics', () => {
  it('records token usage by type, duration, and for streams the chunk timings', async () => {
    const { client, points, port } = await setup({ faults: [{}, { dripMs: 2 }] });
    const created = await client.messages.create(PARAMS);
    const streamed = await client.messages.stream(PARAMS).finalMessage();
    await expect.poll(async () => (await points())['gen_ai.client.operation.duration']?.[0]?.value.count).toBe(2);
    const recorded = await points();
    const base = { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic', 'gen_ai.request.model': MODEL, 'gen_ai.response.model': created.model, 'server.address': '127.0.0.1', 'server.port': port };
    const tokens = recorded['gen_ai.client.token.usage'] ?? [];
    expect(tokens.map((point) => point.attributes).sort((a, b) => String(a['gen_ai.token.type']).localeCompare(String(b['gen_ai.token.type'])))).toEqual([
      { ...base, 'gen_ai.token.type': 'input' },
      { ...base, 'gen_ai.token.type': 'output' },
    ]);
    const output = tokens.find((point) => point.attributes['gen_ai.token.type'] === 'output');
    expect(output?.value.sum).toBe(created.usage.output_tokens + streamed.usage.output_tokens);
    expect(output?.value.count).toBe(2);
    expect(recorded['gen_ai.client.operation.duration']?.[0]?.attributes).toEqual(base);
    const first = recorded['gen_ai.client.operation.time_to_first_chunk']?.[0];
    expect(first?.value.count).toBe(1);
    expect(first?.attributes).toEqual({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic', 'gen_ai.request.model': MODEL, 'server.address': '127.0.0.1', 'server.port': port });
    expect(recorded['gen_ai.client.operation.time_per_output_chunk']?.[0]?.value.count).toBeGreaterThan(0);
    for (const points of Object.values(recorded)) for (const point of points) expect(Object.keys(point.attributes).every((name) => CONVENTION_NAMES.has(name))).toBe(true);
  });
});

describe('otel: what is never recorded', () => {
  it('records neither the API key nor, without captureContent, any message text', async () => {
    const { client, spans, points } = await setup({ faults: [{ status: 529, headers: soon }, {}, {}, { errorAfterEvents: 3 }] });
    const created = await client.messages.create(PARAMS);
    const streamed = await client.messages.stream(PARAMS).finalMessage();
    await client.messages.stream(PARAMS).finalMessage().catch(() => undefined);
    await client.messages.countTokens({ model: MODEL, messages: PARAMS.messages });
    await expect.poll(() => spans().length).toBe(4);
    const text = exportedText(spans(), await points());
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(PROMPT);
    expect(text).not.toContain('Orvalde');
    for (const message of [created, streamed]) {
      for (const block of message.content) if (block.type === 'text' && block.text.length > 8) expect(text).not.toContain(block.text);
    }
  });

  it('with captureContent, records prompts and completions on one event in the conventions shape, and still no key', async () => {
    const { client, spans, points } = await setup({}, true);
    const message = await client.messages.create(PARAMS);
    const streamed = await client.messages.stream(PARAMS).finalMessage();
    await expect.poll(() => spans().length).toBe(2);
    for (const [span, reply] of [[spans()[0], message], [spans()[1], streamed]] as const) {
      expect(span?.events.map((event) => event.name)).toEqual(['gen_ai.client.inference.operation.details']);
      const attributes = span?.events[0]?.attributes ?? {};
      expect(JSON.parse(String(attributes['gen_ai.input.messages']))).toEqual([{ role: 'user', parts: [{ type: 'text', content: PROMPT }] }]);
      expect(JSON.parse(String(attributes['gen_ai.system_instructions']))).toEqual([{ type: 'text', content: PARAMS.system }]);
      const text = reply.content.flatMap((block) => (block.type === 'text' ? [{ type: 'text', content: block.text }] : []));
      expect(JSON.parse(String(attributes['gen_ai.output.messages']))).toEqual([{ role: 'assistant', parts: text, finish_reason: 'stop' }]);
    }
    expect(exportedText(spans(), await points())).not.toContain(API_KEY);
  });
});
