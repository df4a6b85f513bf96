// messages.create, whole and streamed, against llama-server: shapes, stop reasons and
// headers as that server reports them. The text is random; only the protocol is asserted.
import { expect, it } from 'vitest';
import type { MessageStreamEvent } from '../../src/index.js';
import { alias, clientFor, describeReal } from './real-server.js';

const HELLO = [{ role: 'user' as const, content: 'Hello' }];

describeReal('messages.create against llama-server', () => {
  it('returns a Message with llama-server ids and usage', async () => {
    const message = await clientFor('text').messages.create({ model: 'claude-sonnet-4-5', max_tokens: 16, messages: HELLO });
    // Not msg_…: the client must not care about the id's form.
    expect(message.id).toMatch(/^chatcmpl-\w+$/);
    expect(message).toMatchObject({ type: 'message', role: 'assistant', stop_sequence: null });
    // The server names its own alias, not the model asked for.
    expect(message.model).toBe(alias('text'));
    expect(['end_turn', 'max_tokens']).toContain(message.stop_reason);
    expect(message.content.map((block) => block.type)).toEqual(['text']);
    expect(typeof (message.content[0] as { text: unknown }).text).toBe('string');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeLessThanOrEqual(16);
    // llama reports its own prompt cache (off here) and has no cache creation.
    expect(message.usage.cache_read_input_tokens).toBe(0);
    expect(message.usage).not.toHaveProperty('cache_creation_input_tokens');
  });

  it('reports max_tokens when the reply is cut', async () => {
    const message = await clientFor('text').messages.create({ model: alias('text'), max_tokens: 3, messages: HELLO });
    expect(message.stop_reason).toBe('max_tokens');
    expect(message.usage.output_tokens).toBe(3);
  });

  it('reports a stop sequence as end_turn with stop_sequence set, whole and streamed', async () => {
    const client = clientFor('text');
    const params = { model: alias('text'), max_tokens: 40, messages: HELLO };
    // Output is deterministic per request, so a piece of the first reply recurs in the second.
    const first = await client.messages.create(params);
    const text = first.content[0]?.type === 'text' ? first.content[0].text : '';
    const stop = /[!-~]{3}/.exec(text.slice(4))?.[0];
    expect(stop, `no printable run in the reply ${JSON.stringify(text)}`).toBeDefined();
    const stopSequences = [stop ?? ''];

    const whole = await client.messages.create({ ...params, stop_sequences: stopSequences });
    // Anthropic would say "stop_sequence"; llama-server says "end_turn" and names the match.
    expect(whole.stop_reason).toBe('end_turn');
    expect(whole.stop_sequence).toBe(stop);
    expect(whole.usage.output_tokens).toBeLessThan(first.usage.output_tokens);

    const streamed = await client.messages.stream({ ...params, stop_sequences: stopSequences }).finalMessage();
    expect(streamed.stop_reason).toBe('end_turn');
    expect(streamed.stop_sequence).toBe(stop);
  });

  it('gives withResponse() with no request id, since llama-server sends none', async () => {
    const client = clientFor('text');
    const { data, response, requestId } = await client.messages.create({ model: alias('text'), max_tokens: 4, messages: HELLO }).withResponse();
    expect(response.headers.get('request-id')).toBeNull();
    expect(response.headers.get('server')).toBe('llama.cpp');
    expect(requestId).toBeUndefined();
    expect(data.type).toBe('message');

    const stream = client.messages.stream({ model: alias('text'), max_tokens: 4, messages: HELLO });
    await stream.done();
    expect(stream.requestId).toBeUndefined();
    expect(stream.response?.status).toBe(200);
  });
});

describeReal('messages.create({ stream: true }) against llama-server', () => {
  it('yields a well-ordered event stream with no ping, and a snapshot that matches it', async () => {
    const stream = await clientFor('text').messages.create({ model: alias('text'), max_tokens: 12, messages: HELLO, stream: true });
    expect(stream.controller).toBeInstanceOf(AbortController);
    const events: MessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);

    const types = events.map((event) => event.type);
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(types).not.toContain('ping');
    expect(types.filter((type) => type === 'content_block_start')).toHaveLength(1);
    expect(types.indexOf('content_block_stop')).toBeGreaterThan(types.lastIndexOf('content_block_delta'));

    const start = events[0] as Extract<MessageStreamEvent, { type: 'message_start' }>;
    expect(start.message.id).toMatch(/^chatcmpl-/);
    expect(start.message.content).toEqual([]);
    const text = events.map((event) => (event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? event.delta.text : '')).join('');
    const delta = events.at(-2) as Extract<MessageStreamEvent, { type: 'message_delta' }>;

    const snapshot = stream.currentMessage;
    expect(snapshot?.content).toEqual([{ type: 'text', text }]);
    expect(snapshot?.stop_reason).toBe(delta.delta.stop_reason);
    // message_delta carries output_tokens only; input_tokens must survive from message_start.
    expect(delta.usage).not.toHaveProperty('input_tokens');
    expect(snapshot?.usage.input_tokens).toBe(start.message.usage.input_tokens);
    expect(snapshot?.usage.output_tokens).toBe(delta.usage.output_tokens);
  });
});
