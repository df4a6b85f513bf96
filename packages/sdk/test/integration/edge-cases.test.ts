// Replies and errors llama-server produces that Anthropic's API would not: no content at
// all, a cut-off call that leaves nothing in the stream, a 500 for unsupported input, and
// requests it accepts though they are invalid.
import { expect, it } from 'vitest';
import { InternalServerError, RequestValidationError } from '../../src/index.js';
import { alias, clientFor, describeReal, failure, recordingFetch } from './real-server.js';
import { getWeather } from './weather.js';

const ASK = [{ role: 'user' as const, content: 'What is the weather in Oslo?' }];

describeReal('llama-server edge cases', () => {
  it('handles a reply with no content block, whole and streamed (tools model, tool_choice auto)', async () => {
    const client = clientFor('tools');
    const params = { model: alias('tools'), max_tokens: 50, tools: [getWeather.definition], tool_choice: { type: 'auto' as const }, messages: ASK };
    const whole = await client.messages.create(params);
    expect(whole).toMatchObject({ content: [], stop_reason: 'end_turn' });

    const stream = client.messages.stream(params);
    const types: string[] = [];
    stream.on('streamEvent', (event) => types.push(event.type));
    expect(await stream.finalText()).toBe('');
    expect(types).toEqual(['message_start', 'message_delta', 'message_stop']);
    expect(stream.currentMessage).toMatchObject({ content: [], stop_reason: 'end_turn' });
  });

  it('handles a tool call cut off by max_tokens: markup as text when whole, nothing when streamed', async () => {
    const client = clientFor('tools');
    const params = { model: alias('tools'), max_tokens: 8, tools: [getWeather.definition], tool_choice: { type: 'any' as const }, messages: ASK };
    const whole = await client.messages.create(params);
    expect(whole.stop_reason).toBe('max_tokens');
    expect(whole.content.map((block) => block.type)).toEqual(['text']);

    const streamed = await client.messages.stream(params).finalMessage();
    expect(streamed).toMatchObject({ content: [], stop_reason: 'max_tokens' });
  });

  it('maps the 500 for an image the server cannot read to InternalServerError with its message', async () => {
    const image = { type: 'image' as const, source: { type: 'base64' as const, media_type: 'image/png' as const, data: 'iVBORw0KGgo=' } };
    const error = await failure(
      clientFor('text').messages.create({ model: alias('text'), max_tokens: 4, messages: [{ role: 'user', content: [image] }] }),
    );
    expect(InternalServerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 500, type: 'server_error', code: 500 });
    expect((error as InternalServerError).message).toContain('image input is not supported');
  });

  it('catches what the lenient server would accept before sending it', async () => {
    const recorder = recordingFetch();
    const client = clientFor('text', { fetch: recorder.fetch });
    const invalid = { model: alias('text'), max_tokens: 4, messages: 'oops' } as never;
    const error = await failure(client.messages.create(invalid));
    expect(RequestValidationError.isInstance(error)).toBe(true);
    expect((error as RequestValidationError).path).toEqual(['messages']);
    expect(recorder.headers).toHaveLength(0);

    // Unchecked, llama-server answers 200 to the same request.
    const accepted = await client.messages.create(invalid, { validate: false });
    expect((accepted as { type: string }).type).toBe('message');
    expect(recorder.headers).toHaveLength(1);
  });
});
