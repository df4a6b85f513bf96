// Request validation, loaded on demand (`import('./validate.js')`). A valid request, the
// common case, is answered by the compiled checks of `@parley/core/validators` in a
// fraction of a microsecond. Only a request they reject loads the explanation (explain.ts,
// a chunk of its own, from `@parley/core/explain`), which says what is wrong and where.
//
// Validation never blocks what a newer API may accept: a tool, block, source or citation
// whose `type` this version does not know is sent as it is, with one `warn` line per
// client and type, so a typo stays visible.
import { isCountTokensParams, isCreateMessageParams, pointerKeys, takeUnknownTypes, type UnknownType } from '@parley/core/validators';
import { RequestValidationError } from '@parley/errors';
import type * as ExplainModule from './explain.js';
import type { ClientLogger } from './logger.js';

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

/** The unknown types each client has warned about, by its logger. */
const warned = new WeakMap<ClientLogger, Set<unknown>>();

function warnOnce(logger: ClientLogger, found: readonly UnknownType[]): void {
  let seen = warned.get(logger);
  if (seen === undefined) warned.set(logger, (seen = new Set()));
  for (const { path, type } of found) {
    if (seen.has(type)) continue;
    seen.add(type);
    logger.warn(`${pointerKeys(path).join('.')}: type '${type}' is not known to this version of Parley; sending it as it is (check the spelling if it is not a newer API feature)`);
  }
}

/**
 * Checks `params` as a request of `kind`: `undefined` when valid, else a promise that
 * rejects with a `RequestValidationError` naming the path and the rule. Only checks:
 * what is sent is always the caller's own object.
 */
export function checkRequest(kind: RequestKind, params: unknown, logger: ClientLogger): Promise<void> | undefined {
  const valid = kind === 'createMessage' ? isCreateMessageParams(params) : isCountTokensParams(params);
  const unknown = takeUnknownTypes();
  if (valid) {
    if (unknown !== undefined) warnOnce(logger, unknown);
    return undefined;
  }
  return loadExplainer().then((explain) => {
    explain.explainRequest(kind, params);
  });
}

/** The error of `models.retrieve()` without a model ID. */
export function missingModelId(): RequestValidationError {
  return new RequestValidationError({ path: ['model_id'], rule: 'too_small', detail: 'a model ID is required' });
}
