// Why a request is invalid: `@parley/core/explain`, for a client whose compiled check
// (`@parley/core/validators`) said no. It walks the request schemas (request-shapes.gen.ts,
// read off the zod schemas at generate time) with the rules zod applies and reports the
// issues zod would, in zod 4's shape and English wording, so `RequestValidationError`
// (`fromZodIssues`) and the mock's messages read as they do with zod, without zod.
//
// Two differences from zod, both the forward-compatible rule of the compiled checks: a
// union member (tool, block, source, citation) whose `type` is a string no member has
// passes as it is, since a newer API may know it; and a failed union whose members are
// told apart by `type` keeps only the members whose `type` matched, when any did, so the
// path points at the mistake rather than at the union.
import type { Shape, ShapeCheck } from './explain-types.js';
import { roots, shapes } from './generated/request-shapes.gen.js';

/** One problem, as zod 4 reports it (`code`, `path`, `message` and the code's own fields). */
export interface RequestIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  /** The value found there. */
  input: unknown;
  expected?: string;
  values?: unknown[];
  origin?: string;
  minimum?: number;
  maximum?: number;
  inclusive?: boolean;
  format?: string;
  pattern?: string;
  /** `invalid_union`: the issues of each member, paths relative to the union. */
  errors?: RequestIssue[][];
  /** `invalid_union` of a union chosen by a key: that key, its note and known values. */
  discriminator?: string;
  note?: string;
  options?: unknown[];
  /** Whether the next checks of the same value still run (zod's `continue`). */
  continue?: boolean;
}

/** Which request to explain. */
export type RequestKind = keyof typeof roots;

type Draft = Omit<RequestIssue, 'path' | 'message'> & { path?: PropertyKey[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function typeName(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'number' : String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    const proto: unknown = Object.getPrototypeOf(value);
    const ctor = (value as { constructor?: unknown }).constructor;
    if (proto !== Object.prototype && typeof ctor === 'function' && ctor.name !== '') return ctor.name;
  }
  return typeof value;
}

const literal = (value: unknown) => (typeof value === 'string' ? `"${value}"` : typeof value === 'bigint' ? `${value}n` : String(value));
const SIZED: Record<string, string> = { string: 'characters', array: 'items' };

/** zod 4's English message for an issue. */
function messageOf(issue: Draft): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected}, received ${typeName(issue.input)}`;
    case 'invalid_value': {
      const values = issue.values ?? [];
      return values.length === 1 ? `Invalid input: expected ${literal(values[0])}` : `Invalid option: expected one of ${values.map(literal).join('|')}`;
    }
    case 'too_big':
    case 'too_small': {
      const small = issue.code === 'too_small';
      const adj = issue.inclusive ? (small ? '>=' : '<=') : small ? '>' : '<';
      const bound = small ? issue.minimum : issue.maximum;
      const unit = SIZED[issue.origin ?? ''];
      const head = small ? 'Too small' : 'Too big';
      return unit === undefined ? `${head}: expected ${issue.origin} to be ${adj}${bound}` : `${head}: expected ${issue.origin} to have ${adj}${bound} ${unit}`;
    }
    case 'invalid_format':
      return `Invalid string: must match pattern ${issue.pattern}`;
    case 'invalid_union':
      return issue.options !== undefined && issue.options.length > 0 ? `Invalid discriminator value. Expected ${issue.options.map((o) => `'${String(o)}'`).join(' | ')}` : 'Invalid input';
    default:
      return 'Invalid input';
  }
}

/** The node at `index` of the table. */
function shape(index: number): Shape {
  const found = shapes[index];
  if (found === undefined) throw new Error(`request-shapes: no node ${index}`);
  return found;
}

const issue = (draft: Draft): RequestIssue => ({ ...draft, path: draft.path ?? [], message: messageOf(draft) });

/** zod's `aborted`: an issue that stops the checks after it. */
const aborted = (issues: readonly RequestIssue[], from = 0) => issues.slice(from).some((found) => found.continue !== true);

const prefixed = (key: PropertyKey, issues: RequestIssue[]) => issues.map((found) => ({ ...found, path: [key, ...found.path] }));

/** Whether a node (through nullable wrappers) lets a missing key pass: zod's `optin`/`optout`. */
const optional = (index: number): boolean => {
  const node = shape(index);
  return node[0] === '?' || (node[0] === 'N' && optional(node[1]));
};

/** A length as zod measures it: code points of a string, else the `length` property. */
const lengthOf = (value: string | { length: unknown }) =>
  typeof value === 'string' ? value.length - (value.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0) : Number(value.length);

/** zod's `explicitlyAborted`: an issue that stops even the checks that look at any length. */
const stopped = (issues: readonly RequestIssue[]) => issues.some((found) => found.continue === false);

/** What a length is measured on, as zod names it. */
const lengthOrigin = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value === 'string' ? 'string' : 'unknown');

/**
 * Runs the checks of a node on `value`, after its type check, as zod does: bounds only on
 * a value of the right type (no issue yet), lengths on anything that has a `length`.
 */
function runChecks(checks: readonly ShapeCheck[], value: unknown, issues: RequestIssue[], int: boolean): void {
  if (int && !aborted(issues) && typeof value === 'number') {
    if (!Number.isInteger(value)) {
      issues.push(issue({ code: 'invalid_type', expected: 'int', format: 'safeint', input: value, continue: false }));
    } else if (!Number.isSafeInteger(value)) {
      const big = value > 0;
      issues.push(issue({ code: big ? 'too_big' : 'too_small', origin: 'int', inclusive: true, input: value, continue: true, ...(big ? { maximum: Number.MAX_SAFE_INTEGER } : { minimum: Number.MIN_SAFE_INTEGER }) }));
    }
  }
  for (const check of checks) {
    if (check[0] === 'min' || check[0] === 'max') {
      const sized = value as { length?: unknown } | null | undefined;
      if (stopped(issues) || sized?.length === undefined) continue;
      const length = lengthOf(value as string);
      if (check[0] === 'min' ? length >= check[1] : length <= check[1]) continue;
      const bound = check[0] === 'min' ? { code: 'too_small', minimum: check[1] } : { code: 'too_big', maximum: check[1] };
      issues.push(issue({ ...bound, origin: lengthOrigin(value), inclusive: true, input: value, continue: true }));
      continue;
    }
    if (aborted(issues)) continue;
    switch (check[0]) {
      case '>':
        if (!(check[2] ? (value as number) >= check[1] : (value as number) > check[1])) issues.push(issue({ code: 'too_small', origin: 'number', minimum: check[1], inclusive: check[2], input: value, continue: true }));
        break;
      case '<':
        if (!(check[2] ? (value as number) <= check[1] : (value as number) < check[1])) issues.push(issue({ code: 'too_big', origin: 'number', maximum: check[1], inclusive: check[2], input: value, continue: true }));
        break;
      case 're':
        if (!new RegExp(check[1], check[2]).test(value as string)) issues.push(issue({ code: 'invalid_format', origin: 'string', format: 'regex', pattern: `/${check[1]}/${check[2]}`, input: value, continue: true }));
        break;
    }
  }
}

/** The values a union member accepts for `key`, if it is an object with a literal there. */
function tagValues(index: number, key: string): unknown[] | undefined {
  const node = shape(index);
  if (node[0] !== 'o') return undefined;
  let at = node[1].find(([name]) => name === key)?.[1];
  let tag = at === undefined ? undefined : shape(at);
  while (tag !== undefined && (tag[0] === '?' || tag[0] === 'N')) {
    at = tag[1];
    tag = shape(at);
  }
  return tag?.[0] === 'v' ? tag[1] : undefined;
}

/** A union of objects told apart by `type`, and a value whose `type` none of them has. */
function unknownMember(members: readonly number[], value: unknown): boolean {
  if (!isObject(value) || typeof value.type !== 'string') return false;
  const tags: unknown[] = [];
  for (const member of members) {
    const values = tagValues(member, 'type');
    if (values === undefined) return false;
    tags.push(...values);
  }
  return !tags.includes(value.type);
}

const typeMismatch = (found: RequestIssue) => found.code === 'invalid_value' && found.path.length === 1 && found.path[0] === 'type';

function union(node: ['u', number[], string?], value: unknown): RequestIssue[] {
  const [, members, key] = node;
  if (unknownMember(members, value)) return [];
  if (key !== undefined) {
    if (!isObject(value)) return [issue({ code: 'invalid_type', expected: 'object', input: value })];
    const chosen = members.find((member) => tagValues(member, key)?.includes(value[key]));
    if (chosen !== undefined) return run(chosen, value);
    const options = members.flatMap((member) => tagValues(member, key) ?? []).filter((option) => option !== undefined);
    return [issue({ code: 'invalid_union', errors: [], note: 'No matching discriminator', discriminator: key, options, input: value, path: [key] })];
  }
  const results: RequestIssue[][] = [];
  for (const member of members) {
    const found = run(member, value);
    if (found.length === 0) return [];
    results.push(found);
  }
  const standing = results.filter((found) => !aborted(found));
  const [only] = standing;
  if (standing.length === 1 && only !== undefined) return only;
  // Only the members whose `type` matched, when any did: the one the caller meant.
  const typed = results.filter((found) => !found.some(typeMismatch));
  return [issue({ code: 'invalid_union', errors: typed.length > 0 ? typed : results, input: value })];
}

/** The issues of `value` against node `index`, as zod would list them. */
function run(index: number, value: unknown): RequestIssue[] {
  const node = shape(index);
  switch (node[0]) {
    case 'o': {
      if (!isObject(value)) return [issue({ code: 'invalid_type', expected: 'object', input: value })];
      const issues: RequestIssue[] = [];
      for (const [key, child] of node[1]) {
        const present = key in value;
        const found = run(child, value[key]);
        const omittable = optional(child);
        if (!present && omittable) continue;
        if (found.length > 0) issues.push(...prefixed(key, found));
        else if (!present) issues.push(issue({ code: 'invalid_type', expected: 'nonoptional', input: undefined, path: [key] }));
      }
      return issues;
    }
    case 'u':
      return union(node, value);
    case 'v':
      return node[1].includes(value) ? [] : [issue({ code: 'invalid_value', values: node[1], input: value })];
    case 's': {
      const issues = typeof value === 'string' ? [] : [issue({ code: 'invalid_type', expected: 'string', input: value })];
      runChecks(node[1], value, issues, false);
      return issues;
    }
    case 'n': {
      const issues = typeof value === 'number' && Number.isFinite(value) ? [] : [issue({ code: 'invalid_type', expected: 'number', input: value })];
      runChecks(node[1], value, issues, node[2] === 1);
      return issues;
    }
    case 'b':
      return typeof value === 'boolean' ? [] : [issue({ code: 'invalid_type', expected: 'boolean', input: value })];
    case 'x':
      return [];
    case 'a': {
      const issues: RequestIssue[] = [];
      if (Array.isArray(value)) value.forEach((item, i) => issues.push(...prefixed(i, run(node[1], item))));
      else issues.push(issue({ code: 'invalid_type', expected: 'array', input: value }));
      runChecks(node[2], value, issues, false);
      return issues;
    }
    case 'r': {
      const proto: unknown = isObject(value) ? Object.getPrototypeOf(value) : undefined;
      if (!isObject(value) || (proto !== Object.prototype && proto !== null)) return [issue({ code: 'invalid_type', expected: 'record', input: value })];
      return Object.keys(value).flatMap((key) => prefixed(key, run(node[1], value[key])));
    }
    case '?':
      return value === undefined ? [] : run(node[1], value);
    case 'N':
      return value === null ? [] : run(node[1], value);
  }
}

/**
 * What is wrong with a request of `kind`, as the issues zod would report for it (empty when
 * nothing is: the compiled checks and these rules come from one spec). Union members of an
 * unknown `type` pass, as in the compiled checks.
 *
 * @example
 * if (!isCreateMessageParams(params)) throw RequestValidationError.fromZodIssues(explainRequest('createMessage', params));
 */
export function explainRequest(kind: RequestKind, value: unknown): RequestIssue[] {
  return run(roots[kind], value);
}
