import { ParleyError } from '@parley/errors';

const BRAND = Symbol.for('parley.error.PartialJSONError');
const EXCERPT = 24;

/** What is wrong with the text: nothing but whitespace, cut short, or not JSON. */
export type PartialJSONErrorReason = 'empty' | 'incomplete' | 'invalid';

/** Everything a {@link PartialJSONError} is built from. */
export interface PartialJSONErrorOptions {
  /** What is wrong. */
  reason: PartialJSONErrorReason;
  /** The whole raw text. */
  text: string;
  /** The offset of the offending character, or the length of the text when it ended too early. */
  position: number;
  /** For `invalid`: the character found. */
  found?: string;
  /** For `invalid`: what the grammar allowed there. */
  expected?: string;
  /** What the text is, for the message: `the input of tool_use block 1 ("get_weather")`. */
  subject?: string;
}

/**
 * JSON text (a tool's streamed input) that could not be parsed. The raw text is kept
 * whole in `text`, so nothing received is lost; the message shows only an excerpt
 * around `position`.
 *
 * @example
 * try {
 *   json.finish();
 * } catch (err) {
 *   if (PartialJSONError.isInstance(err)) console.error(err.message, err.position, err.text.length);
 * }
 */
export class PartialJSONError extends ParleyError {
  override name = 'PartialJSONError';
  /** What is wrong with the text. */
  readonly reason: PartialJSONErrorReason;
  /** The whole raw text. */
  readonly text: string;
  /** The offset of the offending character, or the length of the text when it ended too early. */
  readonly position: number;
  /** For `invalid`: the character found at `position`. */
  readonly found: string | undefined;
  /** For `invalid`: what the grammar allowed at `position`. */
  readonly expected: string | undefined;

  constructor(options: PartialJSONErrorOptions) {
    super(formatMessage(options));
    Object.defineProperty(this, BRAND, { value: true });
    this.reason = options.reason;
    this.text = options.text;
    this.position = options.position;
    this.found = options.found;
    this.expected = options.expected;
  }

  /** Whether `value` is a `PartialJSONError`, from any copy of this package. */
  static override isInstance(value: unknown): value is PartialJSONError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  protected override describe(): Record<string, unknown> {
    return { reason: this.reason, position: this.position, length: this.text.length };
  }
}

function formatMessage({ reason, text, position, found, expected, subject }: PartialJSONErrorOptions): string {
  const what = subject === undefined ? '' : ` in ${subject}`;
  if (reason === 'empty') return `Invalid JSON${what}: the text holds no value.`;
  const near = JSON.stringify(text.slice(Math.max(0, position - EXCERPT), position + EXCERPT));
  if (reason === 'incomplete') return `Incomplete JSON${what}: the text ends inside a value after ${text.length} characters (near ${near}).`;
  const character = JSON.stringify(found ?? '');
  return `Invalid JSON${what} at position ${position}: found ${character} where ${expected ?? 'something else'} was expected (near ${near}).`;
}
