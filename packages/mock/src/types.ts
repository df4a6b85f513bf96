import type { MockBatchOptions } from './batches/batch-store.js';
import type { CorsOption } from './cors.js';
import type { StructuredOutputFault } from './structured-fault.js';
/**
 * A fault to inject into one response, sent per request as JSON in the `x-mock-fault`
 * header or scripted per server through {@link MockOptions.faults}.
 *
 * @example
 * // the stream breaks with an `overloaded_error` event after four events
 * headers: { 'x-mock-fault': JSON.stringify({ errorAfterEvents: 4 }) }
 */
export interface MockFault {
  /**
   * Answer with this status (200-599) instead of the normal reply. From 400 up the
   * default body is Anthropic's error body for that status; below 400 without a `body`,
   * the normal reply is sent with this status.
   */
  status?: number;
  /** Headers added to the response, e.g. `{ 'retry-after': '0' }`. */
  headers?: Record<string, string>;
  /** Body sent with `status`: a string as is (text/html when it starts with `<`), an object as JSON. */
  body?: string | object;
  /** Send an SSE `error` event after this many events, then end the stream. */
  errorAfterEvents?: number;
  /** The `error.type` of that event (and of the status used on a non-streamed reply). Default `overloaded_error`. */
  errorType?: string;
  /** Drop the connection after this many events (on a JSON body: after half of it, or none when 0). */
  dropAfterEvents?: number;
  /** Drop the connection before any response is sent. */
  dropBeforeHeaders?: boolean;
  /** Send this many events (on a JSON body: half of it, or none when 0), then go silent until the client gives up. */
  stallAfterEvents?: number;
  /** Wait this many milliseconds before each chunk after the first. */
  dripMs?: number;
  /** Split the body bytes into chunks of this many bytes (1 and up). */
  chunkSize?: number;
  /** Answer 307 with `location` set to this URL. */
  redirectTo?: string;
  /**
   * Fail a request for structured output (`output_config.format`) the way servers
   * without it do: `unsupported` answers 400 naming `output_config`; `invalid_json`
   * ignores the parameter and answers free text; `schema_violation` answers JSON that
   * breaks the schema. Requests without `output_config.format` are not affected.
   */
  structuredOutput?: StructuredOutputFault;
}

/** Settings shared by {@link createMockHandler}, {@link createMockFetch} and {@link startMockServer}. */
export interface MockOptions {
  /** When set, `/v1/*` requests must carry it as `x-api-key` or `Authorization: Bearer`; otherwise 401. */
  apiKey?: string;
  /** Delay every response by this many milliseconds. Default 0. */
  latencyMs?: number;
  /** Bodies larger than this get 413 `request_too_large`. Default 32 MiB. */
  maxBodyBytes?: number;
  /** Scripted faults: the n-th request (any path except `/health`) gets `faults[n]`, later ones behave normally. */
  faults?: MockFault[];
  /**
   * The message batches API: `processingDelayMs` (from creation until a batch's last
   * request is processed, requests finishing evenly in between; default 0) and `clock`
   * (milliseconds since the epoch, default `Date.now`; pass your own to move time by hand).
   */
  batches?: MockBatchOptions;
}

/** A request as the mock received it. */
export interface RecordedRequest {
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The path with its query string, e.g. `/v1/models?limit=2`. */
  path: string;
  /** The headers as received, names lower-cased. */
  headers: Record<string, string>;
  /** The parsed JSON body, the raw text when it is not JSON, or `undefined` when empty or too large. */
  body: unknown;
  /** The size of the body in bytes as received, or `undefined` when it was over the limit. */
  bytes: number | undefined;
}

/** The web-standard core of the mock: turns a `Request` into a `Response`. */
export interface MockHandler {
  /**
   * Answers one request. Rejects with a `TypeError` (as fetch does on a network
   * failure) for a `dropBeforeHeaders` fault, and with the signal's reason when the
   * request's signal aborts before the response is ready.
   */
  handle(request: Request): Promise<Response>;
  /** Every request received so far except `/health`, oldest first. */
  requests: RecordedRequest[];
  /** Forgets the recorded requests and restarts the scripted fault sequence. */
  reset(): void;
}

/** Settings of {@link startMockServer}. */
export interface MockServerOptions extends MockOptions {
  /** The port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** The interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /**
   * How many connections may wait to be accepted. Default 4096 (the system may cap it:
   * Linux at `net.core.somaxconn`). Node's own default, 511, overflows when a load test
   * opens a thousand connections at once, and the client's kernel retries a dropped
   * connection only a second or more later.
   */
  backlog?: number;
  /**
   * Which web pages may call the server across origins: `'*'` (the default) any origin,
   * or a list of origins like `['http://localhost:5173']`; a page elsewhere is refused.
   */
  cors?: CorsOption;
}

/** A running mock server. */
export interface MockServer {
  /** The base URL, like `http://127.0.0.1:4010`, without a trailing slash. */
  url: string;
  /** Stops listening and closes every open connection, stalled streams included. */
  close(): Promise<void>;
  /** Every request received so far except `/health`, oldest first. */
  requests: RecordedRequest[];
  /** Forgets the recorded requests and restarts the scripted fault sequence. */
  reset(): void;
}

/** A `fetch` that answers from the mock in-process, with the requests it received. */
export type MockFetch = typeof fetch & { requests: RecordedRequest[] };
