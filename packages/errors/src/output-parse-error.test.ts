import { describe, expect, it } from 'vitest';
import { OutputParseError } from './output-parse-error.js';
import { ParleyError } from './parley-error.js';

describe('OutputParseError', () => {
  it('lists the schema issues with their paths', () => {
    const error = new OutputParseError({
      reason: 'schema',
      text: '{"items":[{"price":"x"}]}',
      issues: [{ path: ['items', 0, 'price'], message: 'expected number' }],
    });
    expect(error.message).toBe('The structured output does not match its schema: output.items[0].price: expected number');
    expect(error.name).toBe('OutputParseError');
    expect(error.text).toBe('{"items":[{"price":"x"}]}');
    expect(OutputParseError.isInstance(error)).toBe(true);
    expect(ParleyError.isInstance(error)).toBe(true);
    expect(error.toJSON()).toMatchObject({ reason: 'schema', issues: [{ path: ['items', 0, 'price'] }] });
  });

  it('says a refusal and a max_tokens stop for what they are', () => {
    expect(new OutputParseError({ reason: 'refusal', text: '' }).message).toContain('refused');
    expect(new OutputParseError({ reason: 'max_tokens', text: '{"a":' }).message).toContain('max_tokens');
    expect(new OutputParseError({ reason: 'invalid_json', text: 'Hello' }).message).toBe('The structured output is not valid JSON: "Hello"');
  });

  it('is not recognised in other errors', () => {
    expect(OutputParseError.isInstance(new ParleyError('x'))).toBe(false);
  });
});
