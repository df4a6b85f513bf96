// The settings a user can pass: once to the client, and per call.
import type { Middleware } from './middleware.js';

/** How much the client logs; each level includes the ones before it. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Anything with console-like methods: `console` itself, pino, winston, a test spy. */
export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

/** An API key, or a function that returns one (called before every request, so keys can rotate). */
export type ApiKeySource = string | (() => string | Promise<string>);

/** Settings for `new Parley(...)`; every field is optional. */
export interface ClientOptions {
  /**
   * API key sent as `x-api-key`: a string, or a function returning one (or a promise of
   * one), called before every request. Default: env `PARLEY_API_KEY`, then `ANTHROPIC_API_KEY`.
   * `null` sends no key and reads no environment variable (for servers without auth).
   */
  apiKey?: ApiKeySource | null | undefined;
  /**
   * Token sent as `Authorization: Bearer <token>`, the convention of relays such as r9s.
   * Default: env `ANTHROPIC_AUTH_TOKEN`. `null` sends no token and reads no environment variable.
   */
  authToken?: string | null | undefined;
  /**
   * Where the API lives. `https://host`, `https://host/`, `https://host/v1` and
   * `https://host/v1/` all mean the same; a path prefix (`https://relay.example/api/anthropic`)
   * is kept. Default: env `ANTHROPIC_BASE_URL`, then `https://api.anthropic.com`.
   */
  baseURL?: string | undefined;
  /** Sent as `anthropic-version`. Default `'2023-06-01'`. */
  anthropicVersion?: string | undefined;
  /**
   * Milliseconds to wait for the response headers, and the longest silence allowed
   * between two chunks of a stream. For a non-streamed call it bounds headers and body
   * together. Default `600_000` (10 minutes).
   */
  timeout?: number | undefined;
  /** How many times a failed request is retried (429, 5xx, 529, connection errors, ...). Default `2`. */
  maxRetries?: number | undefined;
  /** Headers sent with every request; `null` removes a header the client would send. */
  defaultHeaders?: Record<string, string | null | undefined> | undefined;
  /** The `fetch` to send requests with (proxies, tests). Default: the global `fetch`. */
  fetch?: typeof fetch | undefined;
  /** Where log lines go. Default: `console`. Secrets are always redacted. */
  logger?: Logger | undefined;
  /** How much to log. Default: env `PARLEY_LOG`, then `'warn'`. */
  logLevel?: LogLevel | undefined;
  /**
   * Check request parameters against the API schema before sending, so a mistake fails
   * at once with a `RequestValidationError` naming the field. Default `true`.
   */
  validate?: boolean | undefined;
  /**
   * How `messages.parse()` and `stream()` with an output format ask for structured
   * output; see {@link StructuredOutputMode}. Default `'auto'`, which suits Anthropic
   * and also servers without `output_config` (llama.cpp's llama-server).
   */
  structuredOutput?: StructuredOutputMode | undefined;
  /** Functions around every request, in order (headers, caches, telemetry); see {@link Middleware}. */
  middleware?: readonly Middleware[] | undefined;
  /**
   * Allows the client in a web page, where the key would be visible to anyone using it.
   * Only for keys meant to be public or for local tools. Default `false`.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Settings for one call; each overrides the client's setting of the same name. */
export interface RequestOptions {
  /** Cancels the request (or the stream) when aborted; the call rejects with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Milliseconds, as for the client option `timeout`. */
  timeout?: number | undefined;
  /** Retries for this call, as for the client option `maxRetries`. */
  maxRetries?: number | undefined;
  /** Extra headers for this call (e.g. `anthropic-beta`); `null` removes a header. */
  headers?: Record<string, string | null | undefined> | undefined;
  /** Whether to check the parameters before sending, as for the client option `validate`. */
  validate?: boolean | undefined;
  /** How `messages.parse()` and `stream()` ask for a structured output, as for the client option `structuredOutput`. */
  structuredOutput?: StructuredOutputMode | undefined;
  /** Middleware for this call, run after the client's. */
  middleware?: readonly Middleware[] | undefined;
}

/**
 * How structured output is asked for: `'native'` sends `output_config.format`; `'tool'`
 * sends the schema as one forced tool and reads its input; `'auto'` sends natively and
 * switches to `'tool'` for good (one retry, one `warn` line) when the server answers 400
 * about `output_config` or ignores it (a reply that ended normally but is not JSON
 * valid against the schema).
 */
export type StructuredOutputMode = 'native' | 'tool' | 'auto';

const CLIENT_KEYS: ReadonlySet<string> = new Set<keyof ClientOptions>([
  'apiKey', 'authToken', 'baseURL', 'anthropicVersion', 'timeout', 'maxRetries', 'defaultHeaders',
  'fetch', 'logger', 'logLevel', 'validate', 'dangerouslyAllowBrowser', 'structuredOutput', 'middleware',
]);
const REQUEST_KEYS: ReadonlySet<string> = new Set<keyof RequestOptions>(['signal', 'timeout', 'maxRetries', 'headers', 'validate', 'structuredOutput', 'middleware']);

function closest(name: string, known: ReadonlySet<string>): string {
  const lower = name.toLowerCase();
  const match = [...known].find((key) => key.toLowerCase() === lower);
  return match === undefined ? `known options: ${[...known].join(', ')}` : `did you mean \`${match}\`?`;
}

function checkKeys(where: string, options: object, known: ReadonlySet<string>): void {
  for (const name of Object.keys(options)) {
    // A misspelt option (`baseUrl`) silently ignored sends requests somewhere else.
    if (!known.has(name)) throw new TypeError(`${where}: unknown option \`${name}\` (${closest(name, known)}).`);
  }
}

function checkNumber(where: string, name: string, value: unknown, integer: boolean): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new TypeError(`${where}: \`${name}\` must be ${integer ? 'an integer' : 'a number'} >= 0, got ${typeof value === 'number' ? value : typeof value}.`);
  }
}

/** Rejects unknown keys and impossible values in the client options, naming the option. */
export function checkClientOptions(options: ClientOptions): void {
  const where = 'new Parley()';
  checkKeys(where, options, CLIENT_KEYS);
  checkNumber(where, 'timeout', options.timeout, false);
  checkNumber(where, 'maxRetries', options.maxRetries, true);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') throw new TypeError(`${where}: \`fetch\` must be a function.`);
}

/** Rejects unknown keys and impossible values in per-call options. */
export function checkRequestOptions(options: RequestOptions | undefined): void {
  if (options === undefined) return;
  const where = 'request options';
  checkKeys(where, options, REQUEST_KEYS);
  checkNumber(where, 'timeout', options.timeout, false);
  checkNumber(where, 'maxRetries', options.maxRetries, true);
}
