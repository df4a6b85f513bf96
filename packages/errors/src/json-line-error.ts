import { brand, hasBrand } from './brand.js';
import { ParleyError } from './parley-error.js';

/** Settings of {@link JSONLineError}. */
export interface JSONLineErrorOptions {
  /** The 1-based number of the line that is not JSON. */
  line: number;
  /** The start of that line, for the message. */
  excerpt: string;
  /** What `JSON.parse` threw. */
  cause?: unknown;
}

/**
 * A line of a JSON Lines body (a batch's results) that is not JSON. The good lines
 * before it have been yielded already; `line` says where reading stopped, and the
 * message quotes the start of that line.
 *
 * @example
 * try {
 *   for await (const result of client.messages.batches.results(batchId)) save(result);
 * } catch (error) {
 *   if (JSONLineError.isInstance(error)) console.error(`results broken at line ${error.line}`);
 * }
 */
export class JSONLineError extends ParleyError {
  /** The 1-based number of the line that is not JSON. */
  readonly line: number;

  constructor(options: JSONLineErrorOptions) {
    super(`Line ${options.line} of the JSON Lines body is not JSON: ${options.excerpt}`, { cause: options.cause });
    brand(this, 'JSONLineError');
    this.line = options.line;
  }

  /** Whether `value` is a `JSONLineError`, from this or any other copy of the package. */
  static override isInstance(value: unknown): value is JSONLineError {
    return hasBrand(value, 'JSONLineError');
  }

  protected override describe(): Record<string, unknown> {
    return { line: this.line };
  }
}
