// Middleware against the mock over HTTP: order, changes the server sees, answers without
// a request, once per attempt, errors, credentials on another origin, streams.
import { describe, expect, it } from 'vitest';
import Parley, { APIConnectionError, ParleyError, type Middleware, type MiddlewareContext } from '../src/index.js';
import { API_KEY, PARAMS, failure, messageBody, mock, rawServer } from './helpers.js';

const soon = { 'retry-after-ms': '0' };

/** A middleware that adds a header. */
function header(name: string, value: string): Middleware {
  return (request, next) => {
    const headers = new Headers(request.headers);
    headers.set(name, value);
    return next(new Request(request, { headers }));
  };
}

describe('middleware', () => {
  it('runs in order, client middleware before per-call middleware, and the server sees the changes', async () => {
    const server = await mock();
    const order: string[] = [];
    const named = (name: string): Middleware => async (request, next) => {
      order.push(`${name}>`);
      const response = await next(request);
      order.push(`<${name}`);
      return response;
    };
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [named('a'), named('b'), header('x-tenant', 'acme')] });
    const message = await client.messages.create(PARAMS, { middleware: [named('call'), header('x-call', 'one')] });
    expect(message.type).toBe('message');
    expect(order).toEqual(['a>', 'b>', 'call>', '<call', '<b', '<a']);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers['x-tenant']).toBe('acme');
    expect(server.requests[0]?.headers['x-call']).toBe('one');
    expect(server.requests[0]?.headers['x-api-key']).toBe(API_KEY);
  });

  it('gives the operation, the parameters, the attempt, the logger and a signal', async () => {
    const server = await mock();
    const seen: MiddlewareContext[] = [];
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [(request, next, context) => (seen.push(context), next(request))] });
    await client.messages.create(PARAMS);
    await client.messages.countTokens({ model: PARAMS.model, messages: PARAMS.messages });
    await client.messages.stream(PARAMS).finalMessage();
    const stream = await client.messages.create({ ...PARAMS, stream: true });
    for await (const event of stream) expect(event.type).toBeTypeOf('string');
    await client.models.retrieve('claude-sonnet-4-5');
    await client.models.page({ limit: 2 });
    expect(seen.map((context) => context.operation)).toEqual([
      'messages.create',
      'messages.countTokens',
      'messages.stream',
      'messages.create',
      'models.retrieve',
      'models.list',
    ]);
    expect(seen[0]?.params).toEqual(PARAMS);
    expect(seen[4]?.params).toBeUndefined();
    expect(seen.every((context) => context.attempt === 1 && context.signal instanceof AbortSignal && typeof context.logger.debug === 'function')).toBe(true);
    await expect(seen[0]?.outcome).resolves.toMatchObject({ type: 'message' });
  });

  it('answers without a request reaching the server (a cache)', async () => {
    const server = await mock();
    const cache: Middleware = () => Promise.resolve(new Response(messageBody('from the cache'), { headers: { 'content-type': 'application/json' } }));
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [cache] });
    const message = await client.messages.create(PARAMS);
    expect(message.content).toEqual([{ type: 'text', text: 'from the cache' }]);
    expect(server.requests).toHaveLength(0);
  });

  it('runs once per attempt across a 529 then a success, with the attempt number', async () => {
    const server = await mock({ faults: [{ status: 529, headers: soon }] });
    const attempts: number[] = [];
    const statuses: number[] = [];
    let outcome: Promise<unknown> | undefined;
    const watch: Middleware = async (request, next, context) => {
      attempts.push(context.attempt);
      outcome ??= context.outcome;
      expect(context.outcome).toBe(outcome);
      const response = await next(request);
      statuses.push(response.status);
      return response;
    };
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [watch] });
    const message = await client.messages.create(PARAMS);
    expect(attempts).toEqual([1, 2]);
    expect(statuses).toEqual([529, 200]);
    expect(server.requests).toHaveLength(2);
    expect(await outcome).toEqual(message);
  });

  it('fails the call with the error a middleware throws, without retrying', async () => {
    const server = await mock();
    const thrown = new Error('quota exceeded for tenant');
    let calls = 0;
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [() => (calls++, Promise.reject(thrown))] });
    expect(await failure(client.messages.create(PARAMS))).toBe(thrown);
    expect(calls).toBe(1);
    expect(server.requests).toHaveLength(0);
  });

  it('wraps a thrown value that is not an Error, and reports the outcome as the same error', async () => {
    const server = await mock();
    let outcome: Promise<unknown> | undefined;
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the case under test
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [(_request, _next, context) => ((outcome = context.outcome), Promise.reject('nope'))] });
    const error = await failure(client.messages.create(PARAMS));
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as Error).message).toBe('A middleware threw a value that is not an Error: nope');
    expect((error as Error).cause).toBe('nope');
    expect(await failure(outcome ?? Promise.resolve())).toBe(error);
  });

  it('treats a connection failure passed through a middleware as one: retried, then an APIConnectionError', async () => {
    const calls: number[] = [];
    const client = new Parley({ apiKey: API_KEY, baseURL: 'http://127.0.0.1:9', maxRetries: 1, middleware: [(request, next, context) => (calls.push(context.attempt), next(request))] });
    expect(await failure(client.messages.create(PARAMS))).toBeInstanceOf(APIConnectionError);
    expect(calls).toEqual([1, 2]);
  });

  it('sends a request a middleware points at another origin without the key', async () => {
    const server = await mock();
    const other = await rawServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(messageBody('elsewhere')));
    const elsewhere: Middleware = (request, next) => next(new Request(other.url + new URL(request.url).pathname, request));
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [elsewhere] });
    const message = await client.messages.create(PARAMS, { headers: { 'x-echo-key': API_KEY } });
    expect(message.content).toEqual([{ type: 'text', text: 'elsewhere' }]);
    expect(other.hits).toHaveLength(1);
    expect(other.hits[0]?.path).toBe('/v1/messages');
    expect(JSON.stringify(other.hits[0]?.headers)).not.toContain(API_KEY);
    expect(other.hits[0]?.headers['x-api-key']).toBeUndefined();
    expect(JSON.parse(other.hits[0]?.body ?? '')).toEqual(PARAMS);
    expect(server.requests).toHaveLength(0);
  });

  it('checks a redirect a middleware returns like a server one: never followed to another origin', async () => {
    const server = await mock();
    const other = await rawServer((_req, res) => res.writeHead(200).end(messageBody()));
    const redirect: Middleware = () => Promise.resolve(new Response(null, { status: 307, headers: { location: `${other.url}/v1/messages` } }));
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [redirect] });
    const error = await failure(client.messages.create(PARAMS));
    expect((error as Error).message).toContain('redirect to another origin');
    expect(other.hits).toHaveLength(0);
  });

  it('runs once per attempt while the sender follows a same-origin redirect after it', async () => {
    const server = await rawServer((_req, res, hit) => {
      if (hit.path === '/v1/messages') res.writeHead(308, { location: '/moved/v1/messages' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(messageBody('moved'));
    });
    const seen: number[] = [];
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [(request, next) => (seen.push(request.headers.get('x-api-key') === API_KEY ? 1 : 0), next(request))] });
    const message = await client.messages.create(PARAMS);
    expect(message.content).toEqual([{ type: 'text', text: 'moved' }]);
    expect(seen).toEqual([1]);
    expect(server.hits.map((hit) => hit.path)).toEqual(['/v1/messages', '/moved/v1/messages']);
  });

  it('streams through a middleware that counts the bytes', async () => {
    const server = await mock();
    let bytes = 0;
    const counter: Middleware = async (request, next) => {
      const response = await next(request);
      const counted = response.body?.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            bytes += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(counted, response);
    };
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [counter] });
    const message = await client.messages.stream(PARAMS).finalMessage();
    expect(message.type).toBe('message');
    const raw = await (await fetch(`${server.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': API_KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' }, body: JSON.stringify({ ...PARAMS, stream: true }) })).arrayBuffer();
    expect(bytes).toBe(raw.byteLength);
  });

  it('passes a stream through untouched', async () => {
    const server = await mock();
    let body: ReadableStream<Uint8Array> | null = null;
    const look: Middleware = async (request, next) => {
      const response = await next(request);
      body = response.body;
      return response;
    };
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, middleware: [look] });
    const response = await client.messages.create({ ...PARAMS, stream: true }).asResponse();
    expect(response.body).toBe(body);
    await response.body?.cancel();
  });

  it('rejects a middleware option that is not an array of functions, naming it', async () => {
    const server = await mock();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url });
    const error = await failure(client.messages.create(PARAMS, { middleware: ['nope'] as unknown as Middleware[] }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain('request options: `middleware` must be an array of functions');
  });
});
