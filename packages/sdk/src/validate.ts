// Request validation, loaded on demand (`import('./validate.js')`): it pulls in the zod
// schemas of @parley/core and zod itself, which a bundle that never validates (or has
// not validated yet) should not carry.
import { zCountTokensParams, zCreateMessageParams } from '@parley/core';
import { RequestValidationError } from '@parley/errors';

/**
 * Throws a `RequestValidationError` naming the path and the rule when `params` is not a
 * valid message request. Only checks: what is sent is always the caller's own object
 * (zod would drop fields it does not know).
 */
export function checkCreateMessage(params: unknown): void {
  const result = zCreateMessageParams.safeParse(params);
  if (!result.success) throw RequestValidationError.fromZodIssues(result.error.issues);
}

/** As {@link checkCreateMessage}, for a token count request. */
export function checkCountTokens(params: unknown): void {
  const result = zCountTokensParams.safeParse(params);
  if (!result.success) throw RequestValidationError.fromZodIssues(result.error.issues);
}
