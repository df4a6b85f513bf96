// Middleware: functions around each attempt of a call, for headers per tenant, caches,
// test doubles and telemetry. The types live here; the chain itself (run-middleware.ts)
// loads the first time a call with middleware is sent (see `Sender.send`), so a client
// without any pays neither bytes nor time for it.
import type { Logger } from './options.js';

/**
 * What the client is doing: `messages.create`, `messages.stream`, `messages.countTokens`,
 * `models.list`, `models.retrieve`, or `messages.batches.<create|retrieve|list|cancel|delete|results>`.
 */
export type Operation =
  | 'messages.create'
  | 'messages.stream'
  | 'messages.countTokens'
  | 'models.list'
  | 'models.retrieve'
  | `messages.batches.${'create' | 'retrieve' | 'list' | 'cancel' | 'delete' | 'results'}`
  | (string & {});

/** What a middleware knows about the call besides the request; one object per attempt. */
export interface MiddlewareContext {
  /** The client operation this request belongs to. */
  readonly operation: Operation;
  /** The parameters of the call, as sent in the body (`undefined` for a GET). Read them; change the request instead. */
  readonly params: unknown;
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
  /** The client's logger: filtered by its level, secrets redacted. */
  readonly logger: Logger;
  /** Aborted when this attempt ends early: the call was aborted or the timeout passed. */
  readonly signal: AbortSignal;
  /**
   * Settles once for the whole call (the same promise in every attempt): with the value
   * the call returns (for a stream, or `.asResponse()`, the `Response`, whose body may
   * still be read), or rejects with the error the call fails with after its retries.
   */
  readonly outcome: Promise<unknown>;
}

/** Sends the request on: to the next middleware, and after the last one to the server. */
export type MiddlewareNext = (request: Request) => Promise<Response>;

/**
 * A function around each attempt of a call. It may change the request, call `next`
 * zero, one or several times (clone a request with a body before sending it twice), or
 * answer itself. Middleware runs in order, the client's before the call's, once per
 * attempt, inside the retry loop and the timeout; a redirect it returns is checked like
 * the server's, and a request it sends to another origin goes without credentials. A
 * middleware that throws fails the call with that error. Leave the body of the
 * response it returns unread (read a `clone()`, or return a new `Response`).
 *
 * @example
 * const tenant: Middleware = (request, next) => {
 *   const headers = new Headers(request.headers);
 *   headers.set('x-tenant', 'acme');
 *   return next(new Request(request, { headers }));
 * };
 * const client = new Parley({ middleware: [tenant] });
 */
export type Middleware = (request: Request, next: MiddlewareNext, context: MiddlewareContext) => Promise<Response>;
