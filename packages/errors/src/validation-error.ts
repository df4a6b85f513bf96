import { brand, hasBrand } from './brand.js';
import { formatJsonPath } from './json-path.js';
import { ParleyError, type ParleyErrorOptions } from './parley-error.js';
import { resolveIssue, type ValidationIssue, type ZodIssueLike } from './validation-issues.js';

/** Options of {@link RequestValidationError}. */
export interface RequestValidationErrorOptions extends ParleyErrorOptions {
  /** Where the first problem is, e.g. `['messages', 0, 'content', 1, 'source', 'media_type']`. */
  path: readonly PropertyKey[];
  /** The rule that failed, e.g. `invalid_value`. */
  rule: string;
  /** What is wrong, e.g. `Invalid option: expected one of "image/jpeg"|"image/png"`. */
  detail?: string;
  /** Every problem found; defaults to the one described by `path`, `rule` and `detail`. */
  issues?: ValidationIssue[];
  /** A name the path starts from in the message, e.g. `params`. */
  root?: string;
  /** Replaces the message built from the fields above. */
  message?: string;
}

/** Options of {@link requestValidationErrorFromIssues}. */
export interface FromIssuesOptions {
  /** A name the paths start from in the message, e.g. `params`. */
  root?: string;
}

const MORE_LISTED = 3;

function buildMessage(options: RequestValidationErrorOptions, issues: ValidationIssue[]): string {
  const where = formatJsonPath(options.path, options.root);
  const detail = options.detail === undefined ? '' : `: ${options.detail}`;
  let message = `Invalid request at ${where}${detail} (rule: ${options.rule})`;
  const rest = issues.slice(1);
  if (rest.length > 0) {
    const listed = rest.slice(0, MORE_LISTED).map((i) => `${formatJsonPath(i.path, options.root)} (${i.rule})`);
    const unlisted = rest.length > MORE_LISTED ? `, and ${rest.length - MORE_LISTED} more` : '';
    message += `; ${rest.length} more issue${rest.length === 1 ? '' : 's'}: ${listed.join(', ')}${unlisted}`;
  }
  return message;
}

/**
 * Bad input caught before any request was sent. The message names the JSON path and
 * the rule that failed; `issues` lists every problem found.
 *
 * @example
 * // Invalid request at messages[0].content[1].source.media_type: Invalid option: expected one of "image/jpeg"|"image/png" (rule: invalid_value)
 * const result = zCreateMessageParams.safeParse(params);
 * if (!result.success) throw RequestValidationError.fromZodIssues(result.error.issues);
 */
export class RequestValidationError extends ParleyError {
  /** Where the first problem is. */
  readonly path: (string | number)[];
  /** The rule that failed there. */
  readonly rule: string;
  /** Every problem found, the first one first. */
  readonly issues: ValidationIssue[];

  constructor(options: RequestValidationErrorOptions) {
    const path = options.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    const issues = options.issues ?? [{ path, rule: options.rule, message: options.detail ?? options.rule }];
    super(options.message ?? buildMessage(options, issues), options);
    brand(this, 'RequestValidationError');
    this.path = path;
    this.rule = options.rule;
    this.issues = issues;
  }

  /** Builds the error from zod 4 issues (`result.error.issues`); see {@link requestValidationErrorFromIssues}. */
  static fromZodIssues(issues: readonly ZodIssueLike[], options: FromIssuesOptions = {}): RequestValidationError {
    return requestValidationErrorFromIssues(issues, options);
  }

  static override isInstance(value: unknown): value is RequestValidationError {
    return hasBrand(value, 'RequestValidationError');
  }

  protected override describe(): Record<string, unknown> {
    return { path: this.path, rule: this.rule, issues: this.issues };
  }
}

/**
 * Builds a {@link RequestValidationError} from zod 4 issues. A failed union is
 * narrowed to the branch the caller meant (for a content block, the one whose `type`
 * matched), so the path points at the real mistake.
 *
 * @example
 * const result = zCreateMessageParams.safeParse(params);
 * if (!result.success) throw requestValidationErrorFromIssues(result.error.issues, { root: 'params' });
 */
export function requestValidationErrorFromIssues(issues: readonly ZodIssueLike[], options: FromIssuesOptions = {}): RequestValidationError {
  const resolved = issues.map((issue) => resolveIssue(issue));
  const first = resolved[0] ?? { path: [], rule: 'invalid', message: 'Invalid request' };
  return new RequestValidationError({
    path: first.path,
    rule: first.rule,
    detail: first.message,
    issues: resolved.length === 0 ? [first] : resolved,
    ...(options.root === undefined ? {} : { root: options.root }),
  });
}
