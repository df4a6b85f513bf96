import type { Message } from '@parley/core';
import { PARLEY_ERROR_MARKER } from './brand.js';
import { defined } from './defined.js';
import { redactSecrets } from './redact.js';
import { sanitizeCause } from './sanitize.js';

/** Options every Parley error accepts. */
export interface ParleyErrorOptions {
  /** What caused this error (a network error, an abort reason); secrets in it are masked. */
  cause?: unknown;
  /** The message received so far, when a stream broke after data had arrived. */
  partialMessage?: Message;
  /**
   * Secret values (API keys, tokens) to mask in the message and cause chain. Values
   * shaped like `sk-…` keys or `Bearer` tokens are masked even when not listed.
   */
  secrets?: readonly string[];
}

/** The JSON form of a Parley error: safe to log, never holds a credential. */
export interface ParleyErrorJSON {
  name: string;
  message: string;
  [field: string]: unknown;
}

type Inspect = (value: unknown, options?: object) => string;

function causeToJSON(cause: unknown): unknown {
  if (ParleyError.isInstance(cause)) return cause.toJSON();
  if (!(cause instanceof Error)) return cause;
  const { name, message } = cause;
  return { name, message, ...defined('code', (cause as { code?: unknown }).code), ...defined('cause', cause.cause === undefined ? undefined : causeToJSON(cause.cause)) };
}

/**
 * The base of every error thrown by Parley. Check for it with
 * `ParleyError.isInstance(err)`, which also recognises errors made by another
 * installed copy of this package (where `instanceof` would say no).
 *
 * @example
 * try {
 *   await client.messages.create(params);
 * } catch (err) {
 *   if (ParleyError.isInstance(err)) console.error(err.message, err.partialMessage);
 * }
 */
export class ParleyError extends Error {
  /** The message received so far, when a stream broke after data had arrived. */
  declare partialMessage?: Message;

  constructor(message: string, options: ParleyErrorOptions = {}) {
    const secrets = options.secrets ?? [];
    const cause = options.cause === undefined ? undefined : sanitizeCause(options.cause, secrets);
    super(redactSecrets(message, secrets), cause === undefined ? undefined : { cause });
    this.name = 'ParleyError';
    Object.defineProperty(this, PARLEY_ERROR_MARKER, { value: true });
    if (options.partialMessage !== undefined) this.partialMessage = options.partialMessage;
  }

  /** Whether `value` is a Parley error, from this or any other copy of the package. */
  static isInstance(value: unknown): value is ParleyError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PARLEY_ERROR_MARKER] === true;
  }

  /** The fields beyond name and message that describe this error; overridden by subclasses. */
  protected describe(): Record<string, unknown> {
    return {};
  }

  /** The fields beyond name and message, with the cause as `cause` gives it. */
  #fields(cause: (cause: unknown) => unknown): Record<string, unknown> {
    return { ...this.describe(), ...defined('partialMessage', this.partialMessage), ...defined('cause', this.cause === undefined ? undefined : cause(this.cause)) };
  }

  /**
   * A JSON form that is safe to log: name, message, the subclass's fields, the
   * partial message if any and the cause chain, with every credential masked.
   */
  toJSON(): ParleyErrorJSON {
    return { name: this.name, message: this.message, ...this.#fields(causeToJSON) };
  }

  // Node's util.inspect (and console.log) use this: the stack, then the same fields as
  // toJSON, with the cause printed as an error. No node import needed for the symbol.
  [Symbol.for('nodejs.util.inspect.custom')](depth: number, options: { depth?: number | null }, inspect?: Inspect): string {
    const fields = this.#fields((cause) => cause);
    if (depth < 0) return `[${this.name}: ${this.message}]`;
    const head = this.stack ?? `${this.name}: ${this.message}`;
    if (Object.keys(fields).length === 0) return head;
    if (inspect === undefined) return `${head} ${JSON.stringify(this.toJSON())}`;
    const nextDepth = options.depth === null || options.depth === undefined ? options.depth : options.depth - 1;
    return `${head} ${inspect(fields, { ...options, depth: nextDepth })}`;
  }
}
