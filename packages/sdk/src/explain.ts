// Why a request is invalid, from the zod schemas of @parley/core. Loaded only once the
// compiled checks (validate.ts) have rejected a request: zod and the schemas are most of
// the validation code, and a program that sends valid requests never needs them.
import { zCountTokensParams, zCreateMessageParams } from '@parley/core';
import { RequestValidationError } from '@parley/errors';
import type { RequestKind } from './validate.js';

/**
 * Throws the `RequestValidationError` for an invalid request. The schemas know only this
 * version's union members, so what they say about a member of an unknown `type` (at the
 * `skipped` paths, which the compiled checks let through) is left out. Both checks come from the
 * same spec; should they still disagree, the request is sent.
 */
export function explainRequest(kind: RequestKind, params: unknown, skipped: readonly (readonly string[])[]): void {
  const schema = kind === 'createMessage' ? zCreateMessageParams : zCountTokensParams;
  const result = schema.safeParse(params);
  if (result.success) return;
  const error = RequestValidationError.fromZodIssues(result.error.issues, { ignore: skipped });
  if (error.issues.length > 0) throw error;
}
