// Why a request is invalid, from the zod schemas of @parley/core. Loaded only once the
// compiled checks (validate.ts) have rejected a request: zod and the schemas are most of
// the validation code, and a program that sends valid requests never needs them.
import { zCountTokensParams, zCreateMessageParams } from '@parley/core';
import { RequestValidationError, type ZodIssueLike } from '@parley/errors';
import type { RequestKind } from './validate.js';

type Path = readonly PropertyKey[];

const within = (path: Path, prefix: Path) => prefix.every((key, i) => String(path[i]) === String(key));

const typeMismatch = (issue: ZodIssueLike) => issue.code === 'invalid_value' && issue.path?.length === 1 && issue.path[0] === 'type';

/**
 * The issues with what lies under `skipped` taken out. Inside a union, a branch left with
 * nothing to say fits, and then the union has nothing to say either; otherwise only the
 * branches whose `type` matched are kept, when there are any (the tools have no
 * discriminator: a custom tool may omit `type`), so the path points at the real mistake.
 */
function prune(issues: readonly ZodIssueLike[], skipped: readonly Path[], at: Path = []): ZodIssueLike[] {
  const kept: ZodIssueLike[] = [];
  for (const issue of issues) {
    const path = [...at, ...(issue.path ?? [])];
    if (skipped.some((prefix) => within(path, prefix))) continue;
    if (issue.code === 'invalid_union' && Array.isArray(issue.errors)) {
      const branches = (issue.errors as ZodIssueLike[][]).map((branch) => prune(branch, skipped, path));
      if (branches.some((branch, i) => branch.length === 0 && (issue.errors as ZodIssueLike[][])[i]?.length !== 0)) continue;
      const typed = branches.filter((branch) => !branch.some(typeMismatch));
      kept.push({ ...issue, errors: typed.length > 0 ? typed : branches });
    } else {
      kept.push(issue);
    }
  }
  return kept;
}

/**
 * Throws the `RequestValidationError` for an invalid request. The schemas know only this
 * version's union members, so what they say about a member of an unknown `type` (under
 * the `skipped` paths, which the compiled checks let through) is left out. Both checks
 * come from the same spec; should they still disagree, the request is sent.
 */
export function explainRequest(kind: RequestKind, params: unknown, skipped: readonly Path[]): void {
  const schema = kind === 'createMessage' ? zCreateMessageParams : zCountTokensParams;
  const result = schema.safeParse(params);
  if (result.success) return;
  const issues = prune(result.error.issues, skipped);
  if (issues.length > 0) throw RequestValidationError.fromZodIssues(issues);
}
