// The one place that sends. Every call goes through `Sender.send`: headers and auth,
// the retry loop, timeouts, redirects and logging live here and nowhere else.
//
// It calls `fetch` itself instead of the generated operations of @parley/core, for
// three reasons. (1) Size: the generated client (about 4 KB gzip in a browser bundle)
// does nothing the request path needs, and the explanation of an invalid request loads
// only on demand (see validate.ts).
// (2) Errors: the generated client reads error bodies itself and returns network
// failures as values, while the retry loop needs the untouched `Response` (headers for
// `retry-after-ms` / `x-should-retry`, the body for @parley/errors) and the original
// exception to tell a timeout from an abort from a refused connection. (3) Redirects:
// credentials must never follow a redirect to another origin, which needs
// `redirect: 'manual'` and a URL the generated operations do not let us change.
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ParleyError,
  fromResponse,
  isRetryable,
  retryDelayMs,
} from '@parley/errors';
import type { Credentials } from './auth.js';
import { endpointURL } from './base-url.js';
import { Deadlines } from './deadlines.js';
import { type HeaderMap, RequestHeaders } from './headers.js';
import { loadOnFirstUse } from './load-on-first-use.js';
import type { ClientLogger } from './logger.js';
import type { Middleware } from './middleware.js';
import type { RequestOptions } from './options.js';
import { followRedirects, isRedirect } from './redirect.js';
import type * as LogModule from './request-log.js';
import type * as ChainModule from './run-middleware.js';

/** What the sender needs from the client; fixed when the client is built. */
export interface SenderConfig {
  /** The API root (base URL with `/v1`). */
  root: URL;
  credentials: Credentials;
  /** Headers every request starts with (`anthropic-version`, identification, ...). */
  baseHeaders: HeaderMap;
  /** The user's `defaultHeaders`. */
  defaultHeaders: HeaderMap;
  fetch: typeof fetch;
  logger: ClientLogger;
  /** Milliseconds; see `ClientOptions.timeout`. */
  timeout: number;
  maxRetries: number;
  /** The client's middleware, if any. */
  middleware?: readonly Middleware[] | undefined;
}

/** One API call, as the resources describe it. */
export interface RequestSpec {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under the API root, e.g. `/messages`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** Sent as JSON, exactly as given. */
  body?: unknown;
  options?: RequestOptions | undefined;
  /** Aborting it cancels the call at any stage, including a body being read later. */
  controller?: AbortController;
  /** The operation middleware sees, when its path does not tell (see `operationOf` in run-middleware.ts). */
  operation?: string;
}

/**
 * Reads a successful response while the timeout still runs; a connection failure while
 * reading is retried like one before the headers. Without one the response is returned
 * with its body unread and the timeout stops at the headers (streams, raw responses):
 * the caller owns the body from then on.
 */
export type ReadResponse<T> = (response: Response) => Promise<T>;

/** A successful call: the value read (or the response itself) and where it came from. */
export interface Sent<T> {
  data: T;
  response: Response;
  requestId: string | undefined;
  /**
   * For a body handed over unread with the caller's signal linked to it: stops that link.
   * A reader that watches the signal itself (a MessageStream) calls it, or the link would
   * stay on a long-lived signal after the body is done.
   */
  unlinkSignal?: () => void;
}

/** The request id a server gave: Anthropic's `request-id`, or the `x-request-id` of many relays. */
export function requestIdOf(response: Response): string | undefined {
  return response.headers.get('request-id') ?? response.headers.get('x-request-id') ?? undefined;
}

// A function, not a property read: TypeScript would keep `aborted` narrowed to false across awaits.
const isAborted = (signal: AbortSignal): boolean => signal.aborted;

/** The error for an aborted call: the abort reason when it already is one. */
function abortError(signal: AbortSignal): APIUserAbortError {
  const reason: unknown = signal.reason;
  return APIUserAbortError.isInstance(reason) ? reason : new APIUserAbortError({ cause: reason });
}

/** Waits `ms`, or rejects at once with an `APIUserAbortError` when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return new Promise((resolve) => setTimeout(resolve, ms));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function nonNegative(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

// The middleware chain loads the first time a call has middleware (see middleware.ts),
// the log lines the first time a client logs at 'info' or 'debug' (see request-log.ts).
const chain = /* @__PURE__ */ loadOnFirstUse<typeof ChainModule>(() => import('./run-middleware.js'));
const lines = /* @__PURE__ */ loadOnFirstUse<typeof LogModule>(() => import('./request-log.js'));

/** An attempt that failed, with the error to retry on or throw. */
class Failure {
  constructor(readonly error: unknown) {}
}

/** What an {@link Attempt} is made from. */
interface AttemptOptions {
  /** The request, for the errors that describe it (redacted there). */
  request: { method: string; url: string; headers: Record<string, string> };
  credentials: Credentials;
  /** The whole call's signal, when something can abort the call. */
  callSignal: AbortSignal | undefined;
  timeoutMs: number;
}

/**
 * The state of one attempt. It is its own deadline target and its own abort listener
 * (an EventListener object), so an attempt allocates no closures: on a call answered
 * from memory each one is measurable.
 */
class Attempt {
  /** Ends this attempt only: a timeout retries, the call's abort ends every attempt. */
  readonly controller = new AbortController();
  readonly request: AttemptOptions['request'];
  readonly timeoutMs: number;
  timedOut = false;
  readonly #credentials: Credentials;
  readonly #callSignal: AbortSignal | undefined;

  constructor(options: AttemptOptions) {
    this.request = options.request;
    this.timeoutMs = options.timeoutMs;
    this.#credentials = options.credentials;
    this.#callSignal = options.callSignal;
    this.#callSignal?.addEventListener('abort', this, { once: true });
  }

  /** The deadline passed. */
  expire(): void {
    this.timedOut = true;
    this.controller.abort(new APITimeoutError({ timeoutMs: this.timeoutMs, request: this.request, secrets: this.#credentials.secrets() }));
  }

  /** The call was aborted: so is this attempt. */
  handleEvent(): void {
    this.controller.abort(this.#callSignal?.reason);
  }

  callAborted(): boolean {
    return this.#callSignal !== undefined && isAborted(this.#callSignal);
  }

  /** Stops listening to the call's signal (kept while a handed-over body is read). */
  unlink(): void {
    this.#callSignal?.removeEventListener('abort', this);
  }

  /** The error to report for what broke this attempt: an abort, a timeout, or a connection failure. */
  classify(error: unknown): unknown {
    if (this.#callSignal?.aborted === true) return APIUserAbortError.isInstance(error) ? error : abortError(this.#callSignal);
    const secrets = () => this.#credentials.secrets();
    if (this.timedOut) return APITimeoutError.isInstance(error) ? error : new APITimeoutError({ timeoutMs: this.timeoutMs, request: this.request, cause: error, secrets: secrets() });
    if (ParleyError.isInstance(error)) return error;
    return new APIConnectionError({ cause: error, request: this.request, secrets: secrets() });
  }
}

/**
 * Sends requests for one client. Stateless between calls, so one instance serves any
 * number of concurrent requests.
 */
export class Sender {
  /** The API root (base URL with `/v1`): the one place credentials may be sent. */
  readonly root: URL;
  readonly #config: SenderConfig;
  readonly #headers: RequestHeaders;
  readonly #origin: string;
  // The root as text when it has no query: a path is then appended without parsing a
  // URL, which is a measurable share of a call answered by a nearby server.
  readonly #plainRoot: string | undefined;
  readonly #deadlines = new Deadlines();

  constructor(config: SenderConfig) {
    this.#config = config;
    this.root = config.root;
    this.#origin = config.root.origin;
    this.#plainRoot = config.root.search === '' ? config.root.href : undefined;
    this.#headers = new RequestHeaders(config);
  }

  /** The timeout a call runs with, after its options. */
  timeoutFor(options: RequestOptions | undefined): number {
    return nonNegative(options?.timeout, this.#config.timeout);
  }

  /**
   * Sends one call, retrying as the error classification of @parley/errors allows, and
   * resolves once it succeeded (and its body was read, when `read` is given: a separate
   * argument, so a resource passes its spec as it is, without a copy per call).
   *
   * @throws APIError for an error status, APIConnectionError / APITimeoutError when no
   * answer came, APIUserAbortError when the call was aborted.
   */
  async send<T = Response>(spec: RequestSpec, read?: ReadResponse<T>): Promise<Sent<T>> {
    const config = this.#config;
    if (config.middleware ?? spec.options?.middleware) return chain().then((module) => module.sendThroughMiddleware<T>(this, config, spec, read));
    const signal = spec.options?.signal;
    if (signal?.aborted === true) throw abortError(signal);
    // A call that nothing can abort (no signal, no stream) gets no controller: a listener
    // on an AbortSignal costs more than a whole request answered from memory.
    const controller = spec.controller ?? (signal === undefined ? undefined : new AbortController());
    const linkUserSignal =
      signal === undefined
        ? undefined
        : () => {
            controller?.abort(abortError(signal));
          };
    if (linkUserSignal !== undefined) signal?.addEventListener('abort', linkUserSignal, { once: true });
    const maxRetries = Math.floor(nonNegative(spec.options?.maxRetries, config.maxRetries));
    // When the body is handed over unread, the caller's signal must still be able to stop it.
    let handedOver = false;
    try {
      for (let attempt = 0; ; attempt++) {
        if (controller?.signal.aborted === true) throw abortError(controller.signal);
        const outcome = await this.#attempt(spec, read, controller, attempt, maxRetries);
        if (!(outcome instanceof Failure)) {
          handedOver = read === undefined;
          if (handedOver && linkUserSignal !== undefined) outcome.unlinkSignal = () => { signal?.removeEventListener('abort', linkUserSignal); };
          return outcome;
        }
        const { error } = outcome;
        if (controller !== undefined && isAborted(controller.signal)) throw APIUserAbortError.isInstance(error) ? error : abortError(controller.signal);
        // retryDelayMs counts retries from 1.
        const delay = attempt < maxRetries && isRetryable(error) ? retryDelayMs(error, attempt + 1) : undefined;
        if (delay === undefined) throw error;
        if (config.logger.enabled('info')) (lines.ready ?? (await lines())).logRetry(config.logger, spec, delay, attempt, maxRetries, error);
        await sleep(delay, controller?.signal);
      }
    } finally {
      if (!handedOver && linkUserSignal !== undefined) signal?.removeEventListener('abort', linkUserSignal);
    }
  }

  async #attempt<T>(spec: RequestSpec, read: ReadResponse<T> | undefined, controller: AbortController | undefined, attempt: number, maxRetries: number): Promise<Sent<T> | Failure> {
    const { logger, root, credentials } = this.#config;
    const url = spec.query === undefined && this.#plainRoot !== undefined ? this.#plainRoot + spec.path : endpointURL(root, spec.path, spec.query);
    // Outside the try: a failing `apiKey` function is the caller's error, not a network one to retry.
    const built = this.#headers.build({ hasBody: spec.body !== undefined, headers: spec.options?.headers, attempt });
    const headers = built instanceof Promise ? await built : built;
    const log = logger.enabled('debug') ? new (lines.ready ?? (await lines())).AttemptLog(logger, spec.method, url) : undefined;
    const state = new Attempt({ request: { method: spec.method, url, headers }, credentials, callSignal: controller?.signal, timeoutMs: this.timeoutFor(spec.options) });
    const deadline = this.#deadlines.start(state.timeoutMs, state);
    let keepLinked = false;
    try {
      log?.request(attempt, maxRetries, headers);
      const init = {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: state.controller.signal,
        redirect: 'manual' as const,
      };
      const first = await this.#config.fetch(url, init);
      const response = isRedirect(first) ? await followRedirects({ fetch: this.#config.fetch, url, init, response: first, allowedOrigin: this.#origin }) : first;
      const requestId = requestIdOf(response);
      log?.response(response, requestId);
      if (!response.ok) {
        const error = await fromResponse(response, { request: state.request, secrets: credentials.secrets() });
        return new Failure(state.timedOut || state.callAborted() ? state.classify(error) : error);
      }
      if (read === undefined) {
        keepLinked = true;
        return { data: response as T, response, requestId };
      }
      return { data: await read(response), response, requestId };
    } catch (error) {
      const failure = state.classify(error);
      log?.failed(failure);
      return new Failure(failure);
    } finally {
      this.#deadlines.clear(deadline);
      if (!keepLinked) state.unlink();
    }
  }
}
