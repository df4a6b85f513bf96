import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { RequestValidationError, formatJsonPath, requestValidationErrorFromIssues } from './index.js';

const source = z.discriminatedUnion('type', [
  z.object({ type: z.literal('base64'), media_type: z.enum(['image/jpeg', 'image/png']), data: z.string() }),
  z.object({ type: z.literal('url'), url: z.string() }),
]);
const block = z.union([z.object({ type: z.literal('text'), text: z.string() }), z.object({ type: z.literal('image'), source })]);
const params = z.strictObject({
  max_tokens: z.number().int().positive(),
  messages: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.array(block) })).min(1),
});

const issuesOf = (input: unknown) => {
  const result = params.safeParse(input);
  if (result.success) throw new Error('expected the input to be rejected');
  return result.error.issues;
};

describe('RequestValidationError from zod issues', () => {
  it('names the JSON path of the branch that was meant and the rule', () => {
    const issues = issuesOf({
      max_tokens: 10,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }, { type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'x' } }] }],
    });
    const error = RequestValidationError.fromZodIssues(issues);
    expect(error.path).toEqual(['messages', 0, 'content', 1, 'source', 'media_type']);
    expect(error.rule).toBe('invalid_value');
    expect(error.message).toBe(
      'Invalid request at messages[0].content[1].source.media_type: Invalid option: expected one of "image/jpeg"|"image/png" (rule: invalid_value)',
    );
  });

  it('points at the discriminator when no variant matches', () => {
    const error = requestValidationErrorFromIssues(issuesOf({ max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'video' }] }] }));
    expect(error.path).toEqual(['messages', 0, 'content', 0, 'type']);
    expect(error.rule).toBe('invalid_union');
    expect(error.message).toBe('Invalid request at messages[0].content[0].type: No variant matches: expected one of "text", "image" (rule: invalid_union)');
  });

  it('lists every issue and mentions the others in the message, under a root name', () => {
    const error = requestValidationErrorFromIssues(issuesOf({ max_tokens: -1, messages: [], extra: true }), { root: 'params' });
    expect(error.issues.map((issue) => [issue.path, issue.rule])).toEqual([
      [['max_tokens'], 'too_small'],
      [['messages'], 'too_small'],
      [[], 'unrecognized_keys'],
    ]);
    expect(error.message).toBe(
      'Invalid request at params.max_tokens: Too small: expected number to be >0 (rule: too_small); 2 more issues: params.messages (too_small), params (unrecognized_keys)',
    );
  });

  it('handles a discriminated union with an unknown discriminator', () => {
    const error = requestValidationErrorFromIssues(source.safeParse({ type: 'file' }).error?.issues ?? []);
    expect(error.path).toEqual(['type']);
    expect(error.rule).toBe('invalid_union');
    expect(error.message).toBe("Invalid request at type: Invalid discriminator value. Expected 'base64' | 'url' (rule: invalid_union)");
    const older = requestValidationErrorFromIssues([{ code: 'invalid_union', errors: [], note: 'No matching discriminator', discriminator: 'type', path: ['source'], message: 'Invalid input' }]);
    expect(older.path).toEqual(['source', 'type']);
    expect(older.message).toBe('Invalid request at source.type: Invalid input: No matching discriminator (rule: invalid_union)');
  });

  it('can be built directly and serialises its findings', () => {
    const error = new RequestValidationError({ path: ['tools', 2, 'input_schema'], rule: 'required', detail: 'missing' });
    expect(error.message).toBe('Invalid request at tools[2].input_schema: missing (rule: required)');
    expect(error.issues).toEqual([{ path: ['tools', 2, 'input_schema'], rule: 'required', message: 'missing' }]);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'RequestValidationError', path: ['tools', 2, 'input_schema'], rule: 'required' });
  });

  it('copes with no issues at all', () => {
    expect(requestValidationErrorFromIssues([]).message).toBe('Invalid request at (root): Invalid request (rule: invalid)');
  });
});

describe('formatJsonPath', () => {
  it('writes paths as JavaScript accessors', () => {
    expect(formatJsonPath(['messages', 0, 'content', 1, 'source', 'media_type'])).toBe('messages[0].content[1].source.media_type');
    expect(formatJsonPath(['headers', 'x-api-key', 3])).toBe('headers["x-api-key"][3]');
    expect(formatJsonPath([0, 'a'])).toBe('[0].a');
    expect(formatJsonPath([], 'params')).toBe('params');
    expect(formatJsonPath([])).toBe('(root)');
  });
});
