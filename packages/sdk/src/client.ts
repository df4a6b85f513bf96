import { ParleyError } from '@parley/errors';
import { resolveCredentials, type Credentials } from './auth.js';
import { DEFAULT_BASE_URL, apiRoot } from './base-url.js';
import { isBrowserLike, isBrowserPage, readEnv } from './env.js';
import { createClientLogger, isLogLevel } from './logger.js';
import { checkClientOptions, type ClientOptions, type LogLevel } from './options.js';
import type { HeaderMap } from './headers.js';
import { Sender } from './request.js';
import { Messages } from './resources/messages.js';
import { Models } from './resources/models.js';
import { VERSION } from './version.js';

const DEFAULT_TIMEOUT_MS = 600_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_VERSION = '2023-06-01';
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

const BROWSER_REFUSED = [
  'new Parley() refuses to run in a browser: the API key would be readable by anyone using the page.',
  'Call the API from a server, or pass `dangerouslyAllowBrowser: true` if the key is meant to be public.',
].join(' ');

function logLevelFrom(options: ClientOptions): { level: LogLevel; ignoredEnv: string | undefined } {
  if (options.logLevel !== undefined) {
    if (!isLogLevel(options.logLevel)) {
      throw new TypeError(`new Parley(): \`logLevel\` must be 'off', 'error', 'warn', 'info' or 'debug', got '${String(options.logLevel)}'.`);
    }
    return { level: options.logLevel, ignoredEnv: undefined };
  }
  const env = readEnv('PARLEY_LOG');
  if (env === undefined) return { level: 'warn', ignoredEnv: undefined };
  const lower = env.toLowerCase();
  return isLogLevel(lower) ? { level: lower, ignoredEnv: undefined } : { level: 'warn', ignoredEnv: env };
}

function baseHeaders(options: ClientOptions, browserPage: boolean): HeaderMap {
  const identity = `parley-ts/${VERSION}`;
  return {
    accept: 'application/json',
    'anthropic-version': options.anthropicVersion ?? DEFAULT_VERSION,
    'x-parley-client': identity,
    // Browsers ignore or refuse user-agent, and it would add a CORS preflight header.
    ...(isBrowserLike() ? {} : { 'user-agent': identity }),
    // Anthropic answers CORS requests only when told the browser access is deliberate.
    ...(browserPage ? { 'anthropic-dangerous-direct-browser-access': 'true' } : {}),
  };
}

/**
 * The client for the Messages API, for Anthropic and for every relay that speaks its
 * format. With no options it reads its settings from the environment.
 *
 * @example
 * import Parley from '@parley/sdk';
 *
 * const client = new Parley(); // ANTHROPIC_API_KEY, or ANTHROPIC_AUTH_TOKEN + ANTHROPIC_BASE_URL
 * const message = await client.messages.create({
 *   model: 'claude-sonnet-4-5',
 *   max_tokens: 1024,
 *   messages: [{ role: 'user', content: 'Hello, Claude' }],
 * });
 */
export class Parley {
  /** The API root requests go to, `/v1` included (e.g. `https://api.anthropic.com/v1`). */
  readonly baseURL: string;
  /** Milliseconds; see {@link ClientOptions.timeout}. */
  readonly timeout: number;
  /** See {@link ClientOptions.maxRetries}. */
  readonly maxRetries: number;
  /** Create, stream and count messages. */
  readonly messages: Messages;
  /** List and look up models. */
  readonly models: Models;
  readonly #credentials: Credentials;

  constructor(options: ClientOptions = {}) {
    checkClientOptions(options);
    const browserPage = isBrowserPage();
    if (browserPage && options.dangerouslyAllowBrowser !== true) throw new ParleyError(BROWSER_REFUSED);
    const root = apiRoot(options.baseURL ?? readEnv('ANTHROPIC_BASE_URL') ?? DEFAULT_BASE_URL);
    this.#credentials = resolveCredentials(options);
    this.baseURL = root.href;
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    const credentials = this.#credentials;
    const { level, ignoredEnv } = logLevelFrom(options);
    const logger = createClientLogger({ sink: options.logger ?? console, level, secrets: () => credentials.secrets() });
    if (ignoredEnv !== undefined) logger.warn(`PARLEY_LOG='${ignoredEnv}' is not a log level (off, error, warn, info, debug); using 'warn'.`);
    const userFetch = options.fetch;
    const sender = new Sender({
      root,
      credentials,
      baseHeaders: baseHeaders(options, browserPage),
      defaultHeaders: options.defaultHeaders ?? {},
      // Looked up per call, and never called as a method of an object: browsers throw
      // "Illegal invocation" when `fetch` runs with a `this` other than the global.
      fetch: userFetch ?? ((input, init) => globalThis.fetch(input, init)),
      logger,
      timeout: this.timeout,
      maxRetries: this.maxRetries,
      middleware: options.middleware,
    });
    const context = { sender, validate: options.validate ?? true, logger, structuredOutput: options.structuredOutput };
    this.messages = new Messages(context);
    this.models = new Models(context);
  }

  /** What `JSON.stringify` shows: the settings, never a credential. */
  toJSON(): Record<string, unknown> {
    return { baseURL: this.baseURL, timeout: this.timeout, maxRetries: this.maxRetries, auth: this.#credentials.scheme };
  }

  [INSPECT](): string {
    return `Parley ${JSON.stringify(this.toJSON())}`;
  }
}
