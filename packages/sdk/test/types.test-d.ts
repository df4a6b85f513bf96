import { describe, expectTypeOf, it } from 'vitest';
import Parley, { type APIPromise, type ClientOptions, type Message, type MessageStream, type MessageStreamEvent, type ModelInfo, type RequestOptions, type WithResponse } from '../src/index.js';

const client = new Parley({ apiKey: 'k' });
const params = { model: 'm', max_tokens: 1, messages: [{ role: 'user' as const, content: 'hi' }] };

describe('messages.create', () => {
  it('returns a Message, or a MessageStream with stream: true', () => {
    expectTypeOf(client.messages.create(params)).toEqualTypeOf<APIPromise<Message>>();
    expectTypeOf(client.messages.create({ ...params, stream: false })).toEqualTypeOf<APIPromise<Message>>();
    expectTypeOf(client.messages.create({ ...params, stream: true })).toEqualTypeOf<APIPromise<MessageStream>>();
    expectTypeOf(client.messages.create({ ...params, stream: Math.random() > 0.5 })).toEqualTypeOf<APIPromise<Message | MessageStream>>();
  });

  it('awaits to the value, with withResponse and asResponse', async () => {
    expectTypeOf(await client.messages.create(params)).toEqualTypeOf<Message>();
    expectTypeOf(await client.messages.create(params).withResponse()).toEqualTypeOf<WithResponse<Message>>();
    expectTypeOf(await client.messages.create(params).asResponse()).toEqualTypeOf<Response>();
    const events = await client.messages.create({ ...params, stream: true });
    expectTypeOf(events).toExtend<AsyncIterable<MessageStreamEvent>>();
    expectTypeOf(events.controller).toEqualTypeOf<AbortController>();
  });

  it('streams and counts', async () => {
    expectTypeOf(client.messages.stream(params)).toEqualTypeOf<MessageStream>();
    expectTypeOf((await client.messages.countTokens({ model: 'm', messages: params.messages })).input_tokens).toEqualTypeOf<number>();
  });
});

describe('models', () => {
  it('iterates ModelInfo and retrieves one', async () => {
    expectTypeOf(client.models.list()).toExtend<AsyncIterable<ModelInfo>>();
    expectTypeOf((await client.models.list()).data).toEqualTypeOf<ModelInfo[]>();
    expectTypeOf(await client.models.retrieve('m')).toEqualTypeOf<ModelInfo>();
  });
});

describe('options', () => {
  it('rejects unknown keys', () => {
    const clientOptions = (options: ClientOptions) => options;
    const requestOptions = (options: RequestOptions) => options;
    // @ts-expect-error baseUrl is misspelt: the option is baseURL
    clientOptions({ baseUrl: 'https://x' });
    // @ts-expect-error not an option
    requestOptions({ retries: 3 });
    // @ts-expect-error timeout is a number of milliseconds
    clientOptions({ timeout: '10s' });
    // @ts-expect-error the options object of a call rejects unknown keys too
    void client.messages.create(params, { idempotencyKey: 'k' });
    expectTypeOf<ClientOptions['apiKey']>().toEqualTypeOf<string | (() => string | Promise<string>) | null | undefined>();
  });

  it('takes per-call options on every method', () => {
    const options: RequestOptions = { signal: new AbortController().signal, timeout: 1, maxRetries: 0, headers: { 'anthropic-beta': 'x', 'x-drop': null } };
    expectTypeOf(client.messages.create(params, options)).toEqualTypeOf<APIPromise<Message>>();
    expectTypeOf(client.models.retrieve('m', options)).toEqualTypeOf<APIPromise<ModelInfo>>();
  });
});
