// Request validation with the forward-compatible rule the SDK follows: the compiled checks
// of @parley/core decide, and a tool, block, source or citation whose `type` is newer than
// the spec passes as it is (the real API may well know it). Only a rejected request asks
// core's explanation what is wrong and where, which lets the unknown members through too.
import { explainRequest, isCountTokensParams, isCreateMessageParams, takeUnknownTypes, type CountTokensParams, type CreateMessageParams } from '@parley/core';
import { formatIssues } from './validation.js';

/** Which request a body should be. */
export type RequestKind = 'createMessage' | 'countTokens';

/** The request for each kind. */
export interface RequestOf {
  createMessage: CreateMessageParams;
  countTokens: CountTokensParams;
}

/** A checked body: the request as sent (never zod's output, which drops unknown keys), or why it is refused. */
export type Checked<K extends RequestKind> = { ok: true; params: RequestOf[K] } | { ok: false; message: string };

/**
 * Checks `body` as a request of `kind`. Union members of an unknown `type` pass; an
 * invalid request gets one Anthropic-style message naming the first problem.
 *
 * @example
 * const checked = checkRequest('createMessage', body);
 * if (!checked.ok) return errorReply({ status: 400, requestId, message: checked.message });
 */
export function checkRequest<K extends RequestKind>(kind: K, body: unknown): Checked<K> {
  const valid = kind === 'createMessage' ? isCreateMessageParams(body) : isCountTokensParams(body);
  // The unknown members are found again by the explanation, when it is needed.
  takeUnknownTypes();
  if (valid) return { ok: true, params: body as RequestOf[K] };
  const issues = explainRequest(kind, body);
  // Both come from one spec; should the explanation find nothing, the compiled check still decides.
  return { ok: false, message: issues.length > 0 ? formatIssues(issues) : 'body: Input does not match the Messages API request schema' };
}
