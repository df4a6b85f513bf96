// Request validation, loaded on demand (`import('./validate.js')`). A valid request, the
// common case, is answered by the compiled checks of `@parley/core/validators` in a
// fraction of a microsecond, without zod. Only a request they reject loads the zod
// schemas (explain.ts, a chunk of its own), which say what is wrong and where.
import { isCountTokensParams, isCreateMessageParams } from '@parley/core/validators';
import type * as ExplainModule from './explain.js';

/** Which request schema to check parameters against. */
export type RequestKind = 'createMessage' | 'countTokens';

let explainer: Promise<typeof ExplainModule> | undefined;

function loadExplainer(): Promise<typeof ExplainModule> {
  explainer ??= import('./explain.js').catch((error: unknown) => {
    // A chunk that failed to load (a network error in a browser) is tried again next time.
    explainer = undefined;
    throw error;
  });
  return explainer;
}

/**
 * Checks `params` as a request of `kind`: `undefined` when valid, else a promise that
 * rejects with a `RequestValidationError` naming the path and the rule. Only checks:
 * what is sent is always the caller's own object.
 */
export function checkRequest(kind: RequestKind, params: unknown): Promise<void> | undefined {
  const valid = kind === 'createMessage' ? isCreateMessageParams(params) : isCountTokensParams(params);
  if (valid) return undefined;
  return loadExplainer().then((explain) => {
    explain.explainRequest(kind, params);
  });
}
