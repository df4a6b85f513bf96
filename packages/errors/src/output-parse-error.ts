import type { Message } from '@parley/core';
import { brand, hasBrand } from './brand.js';
import { formatJsonPath } from './json-path.js';
import { ParleyError, type ParleyErrorOptions } from './parley-error.js';

/**
 * Why a structured output could not be read:
 * - `invalid_json`: the output is not JSON (or is cut short);
 * - `schema`: it is JSON, but the schema rejects it (see `issues`);
 * - `refusal`: the model declined to answer (`stop_reason: 'refusal'`);
 * - `max_tokens`: the reply hit `max_tokens` before the output was complete;
 * - `no_output`: the reply holds no output at all (no text, no call of the output tool).
 */
export type OutputParseReason = 'invalid_json' | 'schema' | 'refusal' | 'max_tokens' | 'no_output';

/** One problem the output schema found, with where it is in the output. */
export interface OutputIssue {
  /** The keys from the root of the output to the offending value, e.g. `['items', 2, 'price']`. */
  path: (string | number)[];
  /** What is wrong, in the validator's words. */
  message: string;
}

/** Options of {@link OutputParseError}. */
export interface OutputParseErrorOptions extends ParleyErrorOptions {
  /** Why the output could not be read. */
  reason: OutputParseReason;
  /** The raw output text as the model wrote it. */
  text: string;
  /** What the schema found wrong (for `schema`); empty otherwise. */
  issues?: OutputIssue[];
  /** The whole reply the output came from. */
  reply?: Message;
  /** Replaces the message built from the fields above. */
  message?: string;
}

const LISTED = 3;

function buildMessage({ reason, text, issues = [] }: OutputParseErrorOptions): string {
  const excerpt = text.length > 120 ? `${JSON.stringify(text.slice(0, 120))}…` : JSON.stringify(text);
  switch (reason) {
    case 'refusal':
      return 'The model refused to answer, so there is no structured output (stop_reason: refusal)';
    case 'max_tokens':
      return `The reply reached max_tokens before the structured output was complete; raise max_tokens (output so far: ${excerpt})`;
    case 'no_output':
      return 'The reply holds no structured output (no text and no call of the output tool)';
    case 'invalid_json':
      return `The structured output is not valid JSON: ${excerpt}`;
    case 'schema': {
      const listed = issues.slice(0, LISTED).map((issue) => `${formatJsonPath(issue.path, 'output')}: ${issue.message}`);
      const more = issues.length > LISTED ? `; and ${issues.length - LISTED} more` : '';
      return `The structured output does not match its schema: ${listed.join('; ')}${more}`;
    }
  }
}

/**
 * A structured output (`messages.parse()`, a stream's `finalMessage()` with an output
 * format) that could not be read: not JSON, rejected by the schema, or missing because
 * the model refused or ran out of tokens. It keeps the raw text and the whole reply.
 *
 * @example
 * try {
 *   const { parsed_output } = await client.messages.parse(params);
 * } catch (err) {
 *   if (OutputParseError.isInstance(err) && err.reason === 'schema') console.error(err.issues, err.text);
 * }
 */
export class OutputParseError extends ParleyError {
  /** Why the output could not be read. */
  readonly reason: OutputParseReason;
  /** The raw output text as the model wrote it. */
  readonly text: string;
  /** What the schema found wrong, each with its path; empty unless `reason` is `schema`. */
  readonly issues: OutputIssue[];
  /** The whole reply the output came from, when there is one. */
  readonly reply: Message | undefined;

  constructor(options: OutputParseErrorOptions) {
    super(options.message ?? buildMessage(options), options);
    brand(this, 'OutputParseError');
    this.reason = options.reason;
    this.text = options.text;
    this.issues = options.issues ?? [];
    this.reply = options.reply;
  }

  /** Whether `value` is an `OutputParseError`, from this or any other copy of the package. */
  static override isInstance(value: unknown): value is OutputParseError {
    return hasBrand(value, 'OutputParseError');
  }

  protected override describe(): Record<string, unknown> {
    return { reason: this.reason, text: this.text, issues: this.issues };
  }
}
