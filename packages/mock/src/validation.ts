// Turns the issues of core's explanation (zod 4's shape) into one Anthropic-style message
// that names the JSON path, e.g. `messages.0.content.1.source.media_type: Input should be
// 'image/jpeg', ...`, in the API's wording. Whether a request is valid is decided by the
// compiled checks (check-request.ts); the explanation only says why not.

/** The parts of an issue the message is built from. */
export interface Issue {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  expected?: string;
  input?: unknown;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  values?: unknown[];
  format?: string;
  pattern?: string;
  note?: string;
  options?: unknown[];
  errors?: Issue[][];
  keys?: string[];
  discriminator?: unknown;
}

function quote(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function list(values: unknown[]): string {
  const quoted = values.map(quote);
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1) ?? ''}`;
}

function sizeMessage(issue: Issue, bound: 'least' | 'most'): string {
  const limit = Number(bound === 'least' ? issue.minimum : issue.maximum);
  const word = bound === 'least' ? 'at least' : 'at most';
  if (issue.origin === 'array') return `Input should have ${word} ${limit} item${limit === 1 ? '' : 's'}`;
  if (issue.origin === 'string') return `Input should have ${word} ${limit} character${limit === 1 ? '' : 's'}`;
  const relation = bound === 'least' ? (issue.inclusive ? 'greater than or equal to' : 'greater than') : issue.inclusive ? 'less than or equal to' : 'less than';
  return `Input should be ${relation} ${limit}`;
}

function describe(issue: Issue): string {
  const missing = issue.input === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.note !== undefined);
  if (missing) return 'Field required';
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'integer' : (issue.expected ?? 'value');
      return `Input should be a valid ${expected}, received ${typeName(issue.input)}`;
    }
    case 'too_small':
      return sizeMessage(issue, 'least');
    case 'too_big':
      return sizeMessage(issue, 'most');
    case 'invalid_value':
      return `Input should be ${list(issue.values ?? [])}`;
    case 'invalid_format':
      return issue.pattern ? `Input should match the pattern ${issue.pattern}` : `Input should be a valid ${issue.format ?? 'value'}`;
    case 'invalid_union':
      return issue.note === 'No matching discriminator' ? `Input should be ${list(issue.options ?? [])}` : 'Input does not match any allowed shape';
    case 'unrecognized_keys':
      return `Extra inputs are not permitted: ${(issue.keys ?? []).join(', ')}`;
    default:
      return issue.message ?? 'Invalid input';
  }
}

/** Whether a union branch failed on its `type` tag: the value was not meant for that branch. */
function failsOnType(branch: Issue[]): boolean {
  return branch.some((issue) => issue.path?.length === 1 && issue.path[0] === 'type');
}

/**
 * Picks, inside a union, the branch that got furthest (the deepest first issue), so
 * `content: [{ type: 'text' }]` reports the missing `text`, not "expected a string".
 * Unions are chosen by `type`: branches whose tag did not match are passed over while
 * another branch is left, so a tool without a `name` is reported as that, not as a
 * web search tool without its `type`.
 */
function innermost(issue: Issue, path: PropertyKey[]): { issue: Issue; path: PropertyKey[] } {
  const here = [...path, ...(issue.path ?? [])];
  if (issue.code !== 'invalid_union' || !issue.errors || issue.errors.length === 0) return { issue, path: here };
  const tagged = issue.errors.filter((branch) => !failsOnType(branch));
  const branches = tagged.length > 0 ? tagged : issue.errors;
  let best: Issue | undefined;
  for (const branch of branches) {
    const first = branch[0];
    if (first && (best === undefined || (first.path?.length ?? 0) >= (best.path?.length ?? 0))) best = first;
  }
  if (best && (best.path?.length ?? 0) > 0) return innermost(best, here);
  const firsts = issue.errors.map((branch) => branch[0]);
  // A union (e.g. a model id: a known name or any string) with nothing there.
  if (firsts.every((first) => first !== undefined && (first.path?.length ?? 0) === 0 && first.input === undefined)) {
    return { issue: { code: 'invalid_type', input: undefined }, path: here };
  }
  // Every branch failed on the value's own type: say which types would do.
  if (firsts.every((first) => first?.code === 'invalid_type' && (first.path?.length ?? 0) === 0)) {
    const expected = firsts.map((first) => (first?.expected === 'int' ? 'integer' : (first?.expected ?? 'value')));
    return { issue: { code: 'invalid_type', expected: expected.join(' or '), input: firsts[0]?.input }, path: here };
  }
  return { issue, path: here };
}

/** `messages.0.content`, or `body` for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'body' : path.map(String).join('.');
}

/** One message for the first issue, naming its path. */
export function formatIssues(issues: readonly Issue[]): string {
  const first = issues[0];
  if (!first) return 'body: Invalid input';
  const { issue, path } = innermost(first, []);
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length === 2 ? '' : 's'})` : '';
  return `${formatPath(path)}: ${describe(issue)}${more}`;
}
