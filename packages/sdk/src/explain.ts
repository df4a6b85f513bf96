// Why a request is invalid, from `@parley/core/explain`. Loaded only once the compiled
// checks (validate.ts) have rejected a request: a program that sends valid requests never
// loads it. The explanation lets union members of an unknown `type` through, as the checks
// do, so what it reports is a real mistake.
import { explainRequest as explain } from '@parley/core/explain';
import { RequestValidationError } from '@parley/errors';
import type { RequestKind } from './validate.js';

/**
 * Throws the `RequestValidationError` for an invalid request. Both the checks and the
 * explanation come from the same spec; should they still disagree, the request is sent.
 */
export function explainRequest(kind: RequestKind, params: unknown): void {
  const issues = explain(kind, params);
  if (issues.length > 0) throw RequestValidationError.fromZodIssues(issues);
}
