// explainRequest says why a request is invalid without zod. It must say what zod says:
// the same issues (code, path, message, members of a failed union included) on the
// malformed fixtures and on thousands of seed requests with one value changed, apart
// from the forward-compatible rule the compiled checks follow (a union member of an
// unknown `type` passes; a failed union keeps the members whose `type` matched).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainRequest, isCreateMessageParams, takeUnknownTypes, type RequestIssue } from '../src/index.js';
import { zCreateMessageParams } from '../src/generated/zod.gen.js';
import { createRequests, invalidCases, mutatedCreateRequest } from './seed-requests.js';

interface Found {
  code: string;
  path: PropertyKey[];
  message: string;
  errors?: Found[][];
}

const typeMismatch = (issue: Found) => issue.code === 'invalid_value' && issue.path.length === 1 && issue.path[0] === 'type';

/** Issues reduced to code, path and message, each failed union narrowed to the members whose `type` matched. */
function comparable(issues: readonly Found[]): Found[] {
  return issues.map(({ code, path, message, errors }) => {
    if (code !== 'invalid_union' || errors === undefined || errors.length === 0) return { code, path, message };
    const branches = errors.map(comparable);
    const typed = branches.filter((branch) => !branch.some(typeMismatch));
    return { code, path, message, errors: typed.length > 0 ? typed : branches };
  });
}

const zodIssues = (body: unknown) => comparable(zCreateMessageParams.safeParse(body).error?.issues ?? []);
const explained = (body: unknown) => comparable(explainRequest('createMessage', body));

/** Every issue path, those inside union members included (from the request's root). */
function leafPaths(issues: readonly RequestIssue[], at: PropertyKey[] = []): PropertyKey[][] {
  return issues.flatMap((issue) => {
    const path = [...at, ...issue.path];
    return issue.errors && issue.errors.length > 0 ? issue.errors.flatMap((branch) => leafPaths(branch, path)) : [path];
  });
}

describe('explainRequest', () => {
  it.each(invalidCases.map((c) => [c.name, c.body] as const))('reports what zod reports for %s', (_name, body) => {
    const expected = zodIssues(body);
    expect(expected.length).toBeGreaterThan(0);
    expect(explained(body)).toEqual(expected);
  });

  it('finds nothing wrong with the seed requests', () => {
    for (const body of createRequests) expect(explainRequest('createMessage', body)).toEqual([]);
  });

  it('agrees with zod on seed requests with one value replaced or removed anywhere', () => {
    fc.assert(
      fc.property(mutatedCreateRequest, (body) => {
        const valid = isCreateMessageParams(body);
        const unknown = takeUnknownTypes();
        const issues = explained(body);
        // The compiled check and the explanation say the same: no issue for a request it accepts.
        expect(issues.length === 0).toBe(valid);
        if (unknown === undefined) expect(issues).toEqual(zodIssues(body));
      }),
      { numRuns: Number(process.env.EXPLAIN_RUNS ?? 3_000) },
    );
  });
});

describe('explainRequest and members of a type newer than the spec', () => {
  const base = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] };

  it('lets them through, in every kind of union', () => {
    const body = {
      ...base,
      tools: [{ name: 'a', input_schema: { type: 'object' } }, { type: 'teleport_20990101', name: 'teleport' }],
      thinking: { type: 'dreaming' },
      tool_choice: { type: 'maybe' },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'hologram' },
            { type: 'image', source: { type: 'telepathy' } },
            { type: 'text', text: 'x', citations: [{ type: 'video_location' }] },
            { type: 'tool_result', tool_use_id: 't', content: [{ type: 'smell' }] },
          ],
        },
      ],
    };
    expect(explainRequest('createMessage', body)).toEqual([]);
  });

  it('still names a real mistake beside one, and never the unknown member', () => {
    const body = { ...base, messages: [{ role: 'user', content: [{ type: 'hologram' }, { type: 'text' }] }] };
    const found = leafPaths(explainRequest('createMessage', body));
    expect(found).toContainEqual(['messages', 0, 'content', 1, 'text']);
    expect(found.filter((path) => path.length > 3 && path[3] === 0)).toEqual([]);
    const tools = { ...base, max_tokens: -1, tools: [{ type: 'teleport_20990101' }] };
    expect(leafPaths(explainRequest('createMessage', tools))).toEqual([['max_tokens']]);
  });

  it('does not let an unknown role or a non-string type through', () => {
    expect(leafPaths(explainRequest('createMessage', { ...base, messages: [{ role: 'oracle', content: 'hi' }] }))).toEqual([['messages', 0, 'role']]);
    expect(explainRequest('createMessage', { ...base, tools: [{ type: 7, name: 'a', input_schema: { type: 'object' } }] }).length).toBeGreaterThan(0);
  });
});
