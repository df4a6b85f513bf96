import { describe, expect, it } from 'vitest';
import { reduceOutputSchema } from './output-schema.js';

describe('reduceOutputSchema', () => {
  it('closes every object and requires every property', () => {
    const reduced = reduceOutputSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: { name: { type: 'string' }, address: { type: 'object', properties: { city: { type: 'string' } }, additionalProperties: true } },
      required: ['name'],
    });
    expect(reduced).toEqual({
      type: 'object',
      properties: {
        name: { type: 'string' },
        address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
      },
      required: ['name', 'address'],
      additionalProperties: false,
    });
  });

  it('moves the keywords the API refuses into the description, after the one given', () => {
    const reduced = reduceOutputSchema({
      type: 'object',
      properties: {
        age: { type: 'integer', minimum: 0, maximum: 150, description: 'Age in years' },
        code: { type: 'string', minLength: 2, maxLength: 3, pattern: '^(a)\\1$' },
        tags: { type: 'array', items: { type: 'string', format: 'color' }, minItems: 2, uniqueItems: true },
        when: { type: 'string', format: 'date-time', pattern: '^[0-9]{4}' },
        one: { type: 'array', minItems: 1, items: { enum: ['a', 1, null] } },
      },
    });
    expect(reduced.properties).toEqual({
      age: { type: 'integer', description: 'Age in years\n\n{minimum: 0, maximum: 150}' },
      code: { type: 'string', description: '{minLength: 2, maxLength: 3, pattern: "^(a)\\\\1$"}' },
      tags: { type: 'array', items: { type: 'string', description: '{format: "color"}' }, description: '{minItems: 2, uniqueItems: true}' },
      when: { type: 'string', format: 'date-time', pattern: '^[0-9]{4}' },
      one: { type: 'array', minItems: 1, items: { enum: ['a', 1, null] } },
    });
  });

  it('sends oneOf as anyOf and reduces inside unions and definitions', () => {
    const reduced = reduceOutputSchema({
      $defs: { id: { type: 'integer', exclusiveMinimum: 0 } },
      oneOf: [{ $ref: '#/$defs/id' }, { type: 'object', properties: { id: { $ref: '#/$defs/id' } } }],
    });
    expect(reduced).toEqual({
      $defs: { id: { type: 'integer', description: '{exclusiveMinimum: 0}' } },
      anyOf: [{ $ref: '#/$defs/id' }, { type: 'object', properties: { id: { $ref: '#/$defs/id' } }, required: ['id'], additionalProperties: false }],
    });
  });

  it('keeps primitive enums and consts, and describes complex ones', () => {
    expect(reduceOutputSchema({ const: { a: 1 } })).toEqual({ description: '{const: {"a":1}}' });
    expect(reduceOutputSchema({ enum: [[1], [2]] })).toEqual({ description: '{enum: [[1],[2]]}' });
    expect(reduceOutputSchema({ const: 'x' })).toEqual({ const: 'x' });
  });

  it('does not change its input', () => {
    const schema = { type: 'object', properties: { n: { type: 'number', minimum: 1 } } };
    const copy = structuredClone(schema);
    reduceOutputSchema(schema);
    expect(schema).toEqual(copy);
  });
});
