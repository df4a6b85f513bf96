// Turning zod 4 issues into one precise finding each. Typed structurally: this package
// does not import zod.

/** One issue as zod 4 reports it: `{ code, path, message, ... }`; other fields are ignored. */
export interface ZodIssueLike {
  readonly code?: string;
  readonly path?: readonly PropertyKey[];
  readonly message?: string;
  /** `invalid_value`: the allowed values. */
  readonly values?: unknown;
  /** `invalid_union`: the issues of each branch, paths relative to the union. */
  readonly errors?: unknown;
  /** `invalid_union` from a discriminated union: the discriminator key. */
  readonly discriminator?: unknown;
  /** `invalid_union`: zod's note, e.g. `No matching discriminator`. */
  readonly note?: unknown;
}

/** One failed check of a request: where, which rule, and what it says. */
export interface ValidationIssue {
  /** Where in the request, e.g. `['messages', 0, 'content', 1, 'source', 'media_type']`. */
  path: (string | number)[];
  /** The rule that failed: zod's issue code, e.g. `invalid_type`, `too_small`, `invalid_union`. */
  rule: string;
  /** The explanation, e.g. `Invalid input: expected string, received number`. */
  message: string;
}

const toKeys = (path: readonly PropertyKey[] | undefined): (string | number)[] =>
  (path ?? []).map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));

const isIssueList = (value: unknown): value is ZodIssueLike[][] =>
  Array.isArray(value) && value.every((branch) => Array.isArray(branch));

// The key every branch of a union rejected with a literal mismatch (`type` for
// content blocks): then no branch applies, and the useful finding is that key.
function sharedDiscriminator(branches: ZodIssueLike[][]): { key: string | number; values: unknown[] } | undefined {
  const mismatch = (branch: ZodIssueLike[]) =>
    branch.find((issue) => issue.code === 'invalid_value' && issue.path?.length === 1);
  const first = branches[0] === undefined ? undefined : mismatch(branches[0]);
  const key = first?.path?.[0];
  if (key === undefined || typeof key === 'symbol') return undefined;
  const values: unknown[] = [];
  for (const branch of branches) {
    const issue = mismatch(branch);
    if (issue?.path?.[0] !== key) return undefined;
    const allowed = issue.values;
    if (Array.isArray(allowed)) values.push(...(allowed as unknown[]));
  }
  return { key, values };
}

function resolveUnion(issue: ZodIssueLike, path: (string | number)[]): ValidationIssue {
  const errors = issue.errors;
  const branches = isIssueList(errors) ? errors.filter((branch) => branch.length > 0) : [];
  if (branches.length === 0) {
    // zod 4 reports an unknown discriminator at the discriminator's own path; older
    // shapes report it at the union, with the key beside it.
    const key = issue.discriminator;
    const at = typeof key === 'string' && path.at(-1) !== key ? [...path, key] : path;
    const message = issue.message ?? 'Invalid input';
    const note = issue.note;
    const suffix = typeof note === 'string' && message === 'Invalid input' ? `: ${note}` : '';
    return { path: at, rule: 'invalid_union', message: `${message}${suffix}` };
  }
  const shared = sharedDiscriminator(branches);
  if (shared !== undefined) {
    const allowed = shared.values.map((value) => JSON.stringify(value)).join(', ');
    return { path: [...path, shared.key], rule: 'invalid_union', message: `No variant matches: expected one of ${allowed}` };
  }
  // The branch with the fewest complaints, then the one that got deepest, is the one
  // the caller most likely meant.
  const depth = (branch: ZodIssueLike[]) => Math.max(...branch.map((i) => i.path?.length ?? 0));
  const best = [...branches].sort((a, b) => a.length - b.length || depth(b) - depth(a))[0];
  const first = best?.[0];
  return first === undefined ? { path, rule: 'invalid_union', message: issue.message ?? 'Invalid input' } : resolveIssue(first, path);
}

/** One zod issue as a finding; a union failure is narrowed to the branch that was meant. */
export function resolveIssue(issue: ZodIssueLike, prefix: (string | number)[] = []): ValidationIssue {
  const path = [...prefix, ...toKeys(issue.path)];
  if (issue.code === 'invalid_union') return resolveUnion(issue, path);
  const rule = issue.code ?? 'invalid';
  return { path, rule, message: issue.message ?? rule };
}
