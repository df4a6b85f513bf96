import { ParleyError } from '@parley/errors';
import { readEnv } from './env.js';
import type { ApiKeySource, ClientOptions } from './options.js';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * The credentials of one client. They live in private fields so they never show in
 * `util.inspect`, `JSON.stringify`, a debugger's object preview or an error.
 */
export class Credentials {
  readonly #apiKey: ApiKeySource | undefined;
  readonly #authToken: string | undefined;
  // Keys returned by an `apiKey` function, remembered so logs can scrub them too.
  readonly #seen = new Set<string>();

  constructor(apiKey: ApiKeySource | undefined, authToken: string | undefined) {
    this.#apiKey = apiKey;
    this.#authToken = authToken;
  }

  /** Whether any credential is configured. */
  get present(): boolean {
    return this.#apiKey !== undefined || this.#authToken !== undefined;
  }

  /** Which headers carry credentials, for logs and `inspect`: never the values. */
  get scheme(): string {
    const parts = [this.#apiKey !== undefined && 'x-api-key', this.#authToken !== undefined && 'bearer'];
    const names = parts.filter((part): part is string => part !== false);
    return names.length > 0 ? names.join('+') : 'none';
  }

  /** The auth headers for one request; an `apiKey` function is called each time. */
  async headers(): Promise<Record<string, string>> {
    return this.#headersWith(this.#apiKey === undefined ? undefined : await this.#resolveKey(this.#apiKey));
  }

  /** The auth headers when they are the same for every request (no `apiKey` function), else undefined. */
  fixedHeaders(): Record<string, string> | undefined {
    return typeof this.#apiKey === 'function' ? undefined : this.#headersWith(this.#apiKey);
  }

  #headersWith(key: string | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    if (key !== undefined) out['x-api-key'] = key;
    if (this.#authToken !== undefined) out.authorization = `Bearer ${this.#authToken}`;
    return out;
  }

  /** Every credential value known so far, for scrubbing text. */
  secrets(): string[] {
    const values = [...this.#seen];
    if (typeof this.#apiKey === 'string') values.push(this.#apiKey);
    if (this.#authToken !== undefined) values.push(this.#authToken);
    return values;
  }

  async #resolveKey(source: ApiKeySource): Promise<string> {
    if (typeof source === 'string') return source;
    const key: unknown = await source();
    if (typeof key !== 'string' || key.trim() === '') {
      throw new ParleyError(`The apiKey function must return a non-empty string, got ${typeof key === 'string' ? 'an empty string' : typeof key}.`);
    }
    this.#seen.add(key);
    return key;
  }

  toJSON(): { scheme: string } {
    return { scheme: this.scheme };
  }

  [INSPECT](): string {
    return `Credentials { ${this.scheme} }`;
  }
}

const MISSING = [
  'No credentials for the Messages API.',
  'Pass `apiKey` (sent as x-api-key) or `authToken` (sent as Authorization: Bearer, for relays) to new Parley(),',
  'or set the environment variable ANTHROPIC_API_KEY (or PARLEY_API_KEY) or ANTHROPIC_AUTH_TOKEN.',
  'For a server without auth, pass `apiKey: null`.',
].join(' ');

function headersCarryAuth(headers: ClientOptions['defaultHeaders']): boolean {
  return Object.keys(headers ?? {}).some((name) => ['x-api-key', 'authorization'].includes(name.toLowerCase()));
}

/**
 * Picks the credentials from the options, or from the environment when the options
 * name neither: an explicit `authToken` for a relay must never be joined by an
 * Anthropic key that happens to sit in the environment.
 *
 * @throws ParleyError naming both options and the environment variables when nothing is
 * configured (unless `apiKey: null`, `authToken: null` or an auth header in
 * `defaultHeaders` says the caller handles auth).
 */
export function resolveCredentials(options: ClientOptions): Credentials {
  const explicit = options.apiKey !== undefined || options.authToken !== undefined;
  const apiKey = explicit ? (options.apiKey ?? undefined) : (readEnv('PARLEY_API_KEY') ?? readEnv('ANTHROPIC_API_KEY'));
  const authToken = explicit ? (options.authToken ?? undefined) : readEnv('ANTHROPIC_AUTH_TOKEN');
  if (typeof apiKey === 'string' && apiKey.trim() === '') throw new ParleyError('`apiKey` is an empty string. ' + MISSING);
  if (typeof authToken === 'string' && authToken.trim() === '') throw new ParleyError('`authToken` is an empty string. ' + MISSING);
  const credentials = new Credentials(apiKey, authToken);
  if (!credentials.present && !explicit && !headersCarryAuth(options.defaultHeaders)) throw new ParleyError(MISSING);
  return credentials;
}
