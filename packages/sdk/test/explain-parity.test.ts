// The explanation of a rejected request comes from @parley/core/explain, without zod. It
// must say what zod said: for every malformed request of core's fixtures and of this
// package's, the error names the same path and rule as the error built from zod's issues
// (narrowed to the union members whose `type` matched, as the client used to).
import { readFileSync } from 'node:fs';
import { explainRequest } from '@parley/core/explain';
import { zCountTokensParams, zCreateMessageParams } from '@parley/core/zod';
import { RequestValidationError, type ZodIssueLike } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import { INVALID_REQUESTS } from './fixtures/invalid-requests.js';

const coreCases = JSON.parse(readFileSync(new URL('../../core/test/fixtures/invalid-requests.json', import.meta.url), 'utf8')) as { name: string; body: unknown }[];

const typeMismatch = (issue: ZodIssueLike) => issue.code === 'invalid_value' && issue.path?.length === 1 && issue.path[0] === 'type';

/** zod's issues with each failed union narrowed to its members whose `type` matched, when any did. */
function narrowed(issues: readonly ZodIssueLike[]): ZodIssueLike[] {
  return issues.map((issue) => {
    if (issue.code !== 'invalid_union' || !Array.isArray(issue.errors) || issue.errors.length === 0) return issue;
    const branches = (issue.errors as ZodIssueLike[][]).map(narrowed);
    const typed = branches.filter((branch) => !branch.some(typeMismatch));
    return { ...issue, errors: typed.length > 0 ? typed : branches };
  });
}

function viaZod(kind: 'createMessage' | 'countTokens', body: unknown): RequestValidationError {
  const result = (kind === 'createMessage' ? zCreateMessageParams : zCountTokensParams).safeParse(body);
  if (result.success) throw new Error('zod accepted the request');
  return RequestValidationError.fromZodIssues(narrowed(result.error.issues));
}

const viaExplain = (kind: 'createMessage' | 'countTokens', body: unknown) => RequestValidationError.fromZodIssues(explainRequest(kind, body));

const cases = [
  ...coreCases.map((c) => ({ name: `core: ${c.name}`, body: c.body })),
  ...INVALID_REQUESTS.map((c) => ({ name: `sdk: ${c.name}`, body: c.params })),
];

describe('explanations without zod', () => {
  it('covers every malformed fixture', () => {
    expect(coreCases.length).toBeGreaterThanOrEqual(46);
    expect(INVALID_REQUESTS.length).toBeGreaterThanOrEqual(69);
  });

  it.each(cases)('$name: same path, rule and message as zod', ({ body }) => {
    const expected = viaZod('createMessage', body);
    const actual = viaExplain('createMessage', body);
    expect({ path: actual.path, rule: actual.rule }).toEqual({ path: expected.path, rule: expected.rule });
    expect(actual.message).toBe(expected.message);
    expect(actual.issues).toEqual(expected.issues);
  });

  it('explains a count-tokens request by its own schema', () => {
    const body = { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 5 }] };
    expect(viaExplain('countTokens', body).path).toEqual(viaZod('countTokens', body).path);
    expect(explainRequest('countTokens', { model: 'm', messages: [{ role: 'user', content: 'hi' }] })).toEqual([]);
  });
});
