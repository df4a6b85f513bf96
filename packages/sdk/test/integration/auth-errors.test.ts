// Authentication and errors as llama-server answers them: both auth headers, 401s and
// 400s in the OpenAI error shape, no request id anywhere, an OpenAI-shaped model list.
import { inspect } from 'node:util';
import { expect, it } from 'vitest';
import { AuthenticationError, BadRequestError, NotFoundError } from '../../src/index.js';
import { alias, clientFor, describeReal, failure, recordingFetch, servers } from './real-server.js';

const PARAMS = { model: alias('text'), max_tokens: 4, messages: [{ role: 'user' as const, content: 'Hello' }] };
const WRONG_KEY = 'sk-wrong-key-0123456789abcdef';

describeReal('authentication against llama-server --api-key', () => {
  it('authenticates with x-api-key (apiKey)', async () => {
    const recorder = recordingFetch();
    const message = await clientFor('text', { apiKey: servers().apiKey, fetch: recorder.fetch }).messages.create(PARAMS);
    expect(message.type).toBe('message');
    expect(recorder.headers[0]?.get('x-api-key')).toBe(servers().apiKey);
    expect(recorder.headers[0]?.has('authorization')).toBe(false);
  });

  it('authenticates with Authorization: Bearer (authToken)', async () => {
    const recorder = recordingFetch();
    const message = await clientFor('text', { authToken: servers().apiKey, fetch: recorder.fetch }).messages.create(PARAMS);
    expect(message.type).toBe('message');
    expect(recorder.headers[0]?.get('authorization')).toBe(`Bearer ${servers().apiKey}`);
    expect(recorder.headers[0]?.has('x-api-key')).toBe(false);
  });

  it.each([
    ['a wrong x-api-key', { apiKey: WRONG_KEY }],
    ['a wrong Bearer token', { authToken: WRONG_KEY }],
    ['no key', { apiKey: null }],
  ])('rejects %s with AuthenticationError from the OpenAI-shaped 401', async (_name, auth) => {
    const error = await failure(clientFor('text', auth).messages.create(PARAMS));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    const authError = error as AuthenticationError;
    expect(authError).toMatchObject({ status: 401, type: 'authentication_error', code: 401, requestId: undefined });
    expect(authError.body).toEqual({ error: { message: 'Invalid API Key', type: 'authentication_error', code: 401 } });
    expect(authError.message).toContain('Invalid API Key');
    for (const shown of [authError.message, String(authError), JSON.stringify(authError), inspect(authError)]) expect(shown).not.toContain(WRONG_KEY);
  });

  it('fails a stream with AuthenticationError before any event', async () => {
    const stream = clientFor('text', { apiKey: WRONG_KEY }).messages.stream(PARAMS);
    const events: string[] = [];
    stream.on('streamEvent', (event) => events.push(event.type));
    const error = await failure(stream.finalMessage());
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(events).toEqual([]);
    expect(stream.errored).toBe(true);
  });
});

describeReal('errors from llama-server', () => {
  // The vocabulary is one token per byte, so this is well past the 8192-token context.
  const TOO_LONG = { ...PARAMS, messages: [{ role: 'user' as const, content: 'a'.repeat(9000) }] };

  it('gives BadRequestError with the server’s message for a prompt over the context size', async () => {
    const error = await failure(clientFor('text').messages.create(TOO_LONG));
    expect(BadRequestError.isInstance(error)).toBe(true);
    const badRequest = error as BadRequestError;
    // A type of llama's own, in the OpenAI shape: no top-level "type": "error".
    expect(badRequest).toMatchObject({ status: 400, type: 'exceed_context_size_error', code: 400, requestId: undefined });
    expect(badRequest.body).not.toHaveProperty('type');
    expect(badRequest.message).toMatch(/^400 exceed_context_size_error: request \(\d+ tokens\) exceeds the available context size \(8192 tokens\)/);
  });

  it('fails a stream with the same BadRequestError', async () => {
    const error = await failure(clientFor('text').messages.stream(TOO_LONG).finalMessage());
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect((error as BadRequestError).type).toBe('exceed_context_size_error');
  });

  it('reads the OpenAI-shaped model list and maps the 404 of a model lookup', async () => {
    const client = clientFor('text');
    const ids: string[] = [];
    // No has_more or last_id: the listing must end after the one page, not loop.
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual([alias('text')]);

    const error = await failure(client.models.retrieve(alias('text')));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, type: 'not_found_error' });
  });
});
