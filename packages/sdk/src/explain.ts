// Why a request is invalid, from the zod schemas of @parley/core. Loaded only once the
// compiled checks (validate.ts) have rejected a request: zod and the schemas are most of
// the validation code, and a program that sends valid requests never needs them.
import { zCountTokensParams, zCreateMessageParams } from '@parley/core';
import { RequestValidationError } from '@parley/errors';
import type { RequestKind } from './validate.js';

/**
 * Throws the `RequestValidationError` for an invalid request. Both checks come from the
 * same spec; should they still disagree, the schemas decide, as they are what a user
 * would check against, and the request is sent.
 */
export function explainRequest(kind: RequestKind, params: unknown): void {
  const schema = kind === 'createMessage' ? zCreateMessageParams : zCountTokensParams;
  const result = schema.safeParse(params);
  if (!result.success) throw RequestValidationError.fromZodIssues(result.error.issues);
}
