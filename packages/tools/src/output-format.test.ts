import { OutputParseError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { isOutputFormat, outputFormat } from './output-format.js';
import type { StandardSchemaV1 } from './standard-schema.js';

const Person = z.object({ name: z.string(), age: z.number().int().min(0) });

describe('outputFormat', () => {
  it('serializes as the wire format with the reduced schema only', () => {
    const format = outputFormat(Person);
    expect(JSON.parse(JSON.stringify(format))).toEqual({
      type: 'json_schema',
      schema: {
        type: 'object',
        properties: { name: { type: 'string' }, age: { type: 'integer', description: '{minimum: 0, maximum: 9007199254740991}' } },
        required: ['name', 'age'],
        additionalProperties: false,
      },
    });
    expect(Object.keys(format)).toEqual(['type', 'schema']);
    expect(format.name).toBe('structured_output');
    expect(isOutputFormat(format)).toBe(true);
    expect(isOutputFormat({ type: 'json_schema', schema: {} })).toBe(false);
  });

  it('parses with the full schema: what moved into a description is still enforced', async () => {
    const format = outputFormat(Person, { name: 'person', description: 'A person' });
    await expect(format.parse('{"name":"Ada","age":36}')).resolves.toEqual({ name: 'Ada', age: 36 });
    const error = (await format.parse('{"name":"Ada","age":-1}').catch((caught: unknown) => caught)) as OutputParseError;
    expect(OutputParseError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('schema');
    expect(error.issues.map((issue) => issue.path)).toEqual([['age']]);
    const broken = (await format.parse('{"name":').catch((caught: unknown) => caught)) as OutputParseError;
    expect(broken.reason).toBe('invalid_json');
    expect(broken.text).toBe('{"name":');
    expect([format.name, format.description]).toEqual(['person', 'A person']);
  });

  it('reads a reply: its text, or the input of the output tool', async () => {
    const format = outputFormat(Person);
    const reply = {
      id: 'msg_1', type: 'message', role: 'assistant', model: 'm', stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 },
    } as const;
    const fromText = await format.read({ ...reply, stop_reason: 'end_turn', content: [{ type: 'text', text: '{"name":"Ada",' }, { type: 'text', text: '"age":36}' }] });
    expect(fromText.parsed_output).toEqual({ name: 'Ada', age: 36 });
    const fromTool = await format.read(
      { ...reply, stop_reason: 'tool_use', content: [{ type: 'tool_use', id: 't', name: 'structured_output', input: { name: 'Ada', age: 36 } }] },
      'structured_output',
    );
    expect(fromTool.parsed_output).toEqual({ name: 'Ada', age: 36 });
    const refused = (await format.read({ ...reply, stop_reason: 'refusal', content: [] }).catch((caught: unknown) => caught)) as OutputParseError;
    expect(refused.reason).toBe('refusal');
  });

  it('takes a plain JSON Schema unchecked, and any Standard Schema with a converter', async () => {
    const plain = outputFormat<{ n: number }>({ type: 'object', properties: { n: { type: 'number' } } });
    await expect(plain.parse('{"n":"not checked"}')).resolves.toEqual({ n: 'not checked' });
    const bare: StandardSchemaV1<unknown, string> = { '~standard': { version: 1, vendor: 'bare', validate: (value) => ({ value: String(value) }) } };
    expect(() => outputFormat(bare)).toThrow('gives no JSON Schema');
    expect(outputFormat(bare, { jsonSchema: { type: 'string' } }).schema).toEqual({ type: 'string' });
  });
});
