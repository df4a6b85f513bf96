// Generated tool inputs satisfy their schema: checked by zod's JSON Schema reader, an
// implementation independent of the generator, on hand-picked and random schemas.
import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { sampleInput } from '../src/model/sample-schema.js';

type Schema = Record<string, unknown>;

function satisfies(schema: Schema, value: unknown): z.core.$ZodIssue[] | undefined {
  return z.fromJSONSchema(schema).safeParse(value).error?.issues;
}

const leaf: fc.Arbitrary<Schema> = fc.oneof(
  fc.record({ type: fc.constant('string'), minLength: fc.integer({ min: 0, max: 20 }) }).chain((s) => fc.record({ type: fc.constant(s.type), minLength: fc.constant(s.minLength), maxLength: fc.integer({ min: s.minLength, max: 30 }) })),
  fc.record({ type: fc.constant('string'), enum: fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ type: fc.constant('string'), format: fc.constantFrom('date-time', 'date', 'email', 'uri', 'uuid', 'ipv4') }),
  fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 })).map(([min, span]) => ({ type: 'integer', minimum: min, maximum: min + span })),
  fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 2, max: 1000 })).map(([min, span]) => ({ type: 'integer', exclusiveMinimum: min, exclusiveMaximum: min + span })),
  fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true })).map(([min, span]) => ({ type: 'number', exclusiveMinimum: min, maximum: min + span })),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 50 })).map(([step, k]) => ({ type: 'integer', multipleOf: step, minimum: k, maximum: k + step * 3 })),
  fc.constant({ type: 'boolean' }),
  fc.constant({ type: 'null' }),
  fc.constant({ type: ['string', 'null'], maxLength: 2 }),
  // Primitive consts only: zod's reader compares an object const by identity.
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)).map((value) => ({ const: value })),
);

const schema: fc.Arbitrary<Schema> = fc.letrec<{ node: Schema; object: Schema }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), fc.record({ type: fc.constant('array'), items: tie('node'), minItems: fc.integer({ min: 0, max: 3 }) }), fc.record({ anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }) })),
  // Not a name Object.prototype has: zod's reader would see the inherited `toString` of
  // an object that leaves the property out.
  object: fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(k in Object.prototype)), tie('node'), { maxKeys: 4 }).chain((properties) =>
    fc.subarray(Object.keys(properties)).map((required) => ({ type: 'object', properties, required, additionalProperties: false })),
  ),
})).object;

describe('sampleInput', () => {
  it('satisfies random schemas', () => {
    fc.assert(
      fc.property(schema, (s) => {
        expect(satisfies(s, sampleInput(s))).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(fc.property(schema, (s) => { expect(sampleInput(s)).toEqual(sampleInput(s)); }));
  });

  it('follows $ref, allOf and nested required objects', () => {
    const s = {
      type: 'object',
      $defs: { point: { type: 'object', properties: { x: { type: 'number' }, y: { type: 'number', minimum: 100 } }, required: ['x', 'y'] } },
      properties: {
        at: { $ref: '#/$defs/point' },
        path: { type: 'array', items: { $ref: '#/$defs/point' }, minItems: 2 },
        merged: { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'integer', maximum: 3 } }, required: ['b'] }] },
      },
      required: ['at', 'path', 'merged'],
    };
    const input = sampleInput(s);
    expect(input).toEqual({
      at: { x: 4.2, y: 100 },
      path: [{ x: 4.2, y: 100 }, { x: 4.2, y: 100 }],
      merged: { a: 'example a', b: 3 },
    });
    expect(satisfies(s, input)).toBeUndefined();
  });

  it('stops following a recursive schema', () => {
    const s = { type: 'object', properties: { child: { $ref: '#' }, name: { type: 'string' } }, required: ['name'] };
    const input = sampleInput(s);
    expect(input.name).toBe('example name');
    expect(satisfies(s, input)).toBeUndefined();
  });

  it('picks distinct enum values and booleans for array items', () => {
    const s = { type: 'object', properties: { picks: { type: 'array', items: { enum: ['a', 'b', 'c'] }, minItems: 3, uniqueItems: true } }, required: ['picks'] };
    expect(sampleInput(s)).toEqual({ picks: ['a', 'b', 'c'] });
  });
});
