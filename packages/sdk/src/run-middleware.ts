// The middleware chain, loaded the first time a call with middleware is sent (see
// `Sender.send`). It takes the place of `fetch` in each attempt, so it sits inside the
// retry loop and the timeout, and its answer still goes through the redirect check.
import { ParleyError } from '@parley/errors';
import type { Middleware, MiddlewareContext, MiddlewareNext } from './middleware.js';
import type { ReadResponse, RequestSpec, Sender, SenderConfig, Sent } from './request.js';

const BATCH = /^\/messages\/batches(\/[^/]+)?(?:\/(cancel|results))?$/;

/** The operation a request belongs to, from its path when the resource did not name it. */
export function operationOf(spec: Pick<RequestSpec, 'method' | 'path' | 'operation'>): string {
  if (spec.operation !== undefined) return spec.operation;
  const { method, path } = spec;
  if (path === '/messages') return 'messages.create';
  if (path === '/messages/count_tokens') return 'messages.countTokens';
  if (path === '/models') return 'models.list';
  if (path.startsWith('/models/')) return 'models.retrieve';
  const batch = BATCH.exec(path);
  if (batch !== null) {
    const action = batch[2] ?? (method === 'DELETE' ? 'delete' : batch[1] !== undefined ? 'retrieve' : method === 'POST' ? 'create' : 'list');
    return `messages.batches.${action}`;
  }
  return `${method} ${path}`;
}

/** The request headers that carry credentials: the auth headers, and any header holding a secret. */
function withoutCredentials(request: Request, secrets: readonly string[]): Request {
  const headers = new Headers(request.headers);
  for (const [name, value] of request.headers) {
    if (name === 'x-api-key' || name === 'authorization' || secrets.some((secret) => secret !== '' && value.includes(secret))) headers.delete(name);
  }
  return new Request(request, { headers });
}

/** The middleware of an option, checked: a mistake fails the call with a message naming it. */
function listOf(where: string, value: readonly Middleware[] | undefined): readonly Middleware[] {
  if (value === undefined) return [];
  const given: unknown = value;
  if (!Array.isArray(given) || !given.every((entry) => typeof entry === 'function')) {
    throw new TypeError(`${where}: \`middleware\` must be an array of functions (request, next, context) => Promise<Response>.`);
  }
  return value;
}

/**
 * Sends a call with its middleware (the client's, then the call's) around `fetch` in
 * every attempt: the call goes through a sender of its own whose `fetch` is the chain,
 * so retries, timeouts and the redirect check stay the sender's. A middleware's own
 * error fails the call as it is (a value that is not an `Error` is wrapped in a
 * `ParleyError`); an error from `fetch` that passes through a middleware unchanged is
 * treated as without middleware (a connection error, retried).
 */
export function sendThroughMiddleware<T>(sender: Sender, config: SenderConfig, spec: RequestSpec, read: ReadResponse<T> | undefined): Promise<Sent<T>> {
  const list = [...listOf('new Parley()', config.middleware), ...listOf('request options', spec.options?.middleware)];
  const operation = operationOf(spec);
  const origin = config.root.origin;
  let settle!: { resolve: (value: unknown) => void; reject: (error: unknown) => void };
  const outcome = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
  // Middleware that never looks at the outcome must not cause an unhandled rejection.
  outcome.catch(() => undefined);
  const fromFetch = new WeakSet<object>();
  // A middleware's error crosses the retry loop inside a ParleyError, which is neither
  // retried nor wrapped, and comes out as it was thrown.
  const thrown = new WeakMap<object, unknown>();

  const send = (request: Request): Promise<Response> => {
    // Credentials go to the API's origin only, wherever a middleware points the request.
    const outgoing = new URL(request.url).origin === origin ? request.clone() : withoutCredentials(request, config.credentials.secrets());
    return config.fetch(outgoing).catch((error: unknown) => {
      if (typeof error === 'object' && error !== null) fromFetch.add(error);
      throw error;
    });
  };

  let attempt = 0;
  let url: string | undefined;
  // The sender calls its `fetch` with a URL string and an init, for attempts and redirects alike.
  const chainFetch = async (target: string, init: RequestInit): Promise<Response> => {
    // A redirect the sender follows goes straight out: the chain runs once per attempt.
    if (url !== undefined && target !== url) return config.fetch(target, init);
    url = target;
    const request = new Request(target, init);
    const context: MiddlewareContext = { operation, params: spec.body, attempt: ++attempt, logger: config.logger, signal: request.signal, outcome };
    const step = (index: number): MiddlewareNext => {
      const middleware = list[index];
      if (middleware === undefined) return send;
      const next = step(index + 1);
      return (changed) => middleware(changed, next, context);
    };
    try {
      return await step(0)(request);
    } catch (error) {
      if (typeof error === 'object' && error !== null && fromFetch.has(error)) throw error;
      const carrier = new ParleyError('A middleware failed.', { cause: error });
      thrown.set(carrier, error instanceof Error ? error : new ParleyError(`A middleware threw a value that is not an Error: ${String(error)}`, { cause: error }));
      throw carrier;
    }
  };

  // The sender's own class, so this chunk imports no value from the initial load.
  const ChainSender = sender.constructor as new (config: SenderConfig) => Sender;
  const inner = new ChainSender({ ...config, fetch: chainFetch as typeof fetch, middleware: undefined });
  const options = spec.options === undefined ? undefined : { ...spec.options, middleware: undefined };
  return inner.send<T>({ ...spec, options }, read).then(
    (sent) => {
      settle.resolve(sent.data);
      return sent;
    },
    (error: unknown) => {
      const original = typeof error === 'object' && error !== null && thrown.has(error) ? thrown.get(error) : error;
      settle.reject(original);
      throw original;
    },
  );
}
