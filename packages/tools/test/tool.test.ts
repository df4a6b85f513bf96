import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { tool, type StandardSchemaV1 } from '../src/index.js';

const noop = () => 'ok';

describe('tool() definition', () => {
  it('sends the JSON Schema zod gives for a representative schema, without $schema', () => {
    const search = tool({
      name: 'search_flights',
      description: 'Search flights between two airports',
      input: z.object({
        from: z.string().describe('IATA code of the departure airport'),
        to: z.string().describe('IATA code of the arrival airport'),
        cabin: z.enum(['economy', 'business', 'first']).optional(),
        passengers: z
          .array(
            z.object({
              name: z.string(),
              age: z.number().int().min(0).describe('Age in years'),
              bags: z.array(z.enum(['cabin', 'hold'])).max(3).optional(),
            }),
          )
          .min(1),
        window: z.object({ earliest: z.string(), latest: z.string().optional() }).describe('Departure window'),
        flexible: z.boolean().default(false),
      }),
      run: noop,
    });
    expect(search.definition).toEqual({
      name: 'search_flights',
      description: 'Search flights between two airports',
      input_schema: {
        type: 'object',
        properties: {
          from: { type: 'string', description: 'IATA code of the departure airport' },
          to: { type: 'string', description: 'IATA code of the arrival airport' },
          cabin: { type: 'string', enum: ['economy', 'business', 'first'] },
          passengers: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                age: {
                  type: 'integer',
                  minimum: 0,
                  maximum: Number.MAX_SAFE_INTEGER,
                  description: 'Age in years',
                },
                bags: { type: 'array', maxItems: 3, items: { type: 'string', enum: ['cabin', 'hold'] } },
              },
              required: ['name', 'age'],
            },
          },
          window: {
            type: 'object',
            description: 'Departure window',
            properties: { earliest: { type: 'string' }, latest: { type: 'string' } },
            required: ['earliest'],
          },
          flexible: { type: 'boolean', default: false },
        },
        required: ['from', 'to', 'passengers', 'window'],
      },
    });
    expect(Object.keys(search.definition.input_schema)[0]).toBe('type');
  });

  it('adds cache_control and leaves description out when not given', () => {
    const ping = tool({ name: 'ping', input: z.object({}), cache_control: { type: 'ephemeral' }, run: noop });
    expect(ping.definition).toEqual({
      name: 'ping',
      input_schema: { type: 'object', properties: {} },
      cache_control: { type: 'ephemeral' },
    });
  });

  it('sends a plain JSON Schema as given, minus $schema', () => {
    const echo = tool({
      name: 'echo',
      input: {
        $schema: 'https://json-schema.org/draft/2020-12/schema',
        type: 'object',
        properties: { text: { type: 'string' } },
        required: ['text'],
      },
      run: (input) => JSON.stringify(input),
    });
    expect(echo.definition.input_schema).toEqual({
      type: 'object',
      properties: { text: { type: 'string' } },
      required: ['text'],
    });
  });

  it('takes the JSON Schema of a Standard JSON Schema validator from ~standard.jsonSchema', () => {
    const targets: string[] = [];
    const custom: StandardSchemaV1<unknown, { n: number }> = {
      '~standard': {
        version: 1,
        vendor: 'custom',
        validate: (value) => ({ value: value as { n: number } }),
        jsonSchema: {
          input: ({ target }) => {
            targets.push(target);
            return { properties: { n: { type: 'number' } }, required: ['n'] };
          },
        },
      },
    };
    const t = tool({ name: 'custom', input: custom, run: ({ n }) => String(n) });
    expect(t.definition.input_schema).toEqual({ type: 'object', properties: { n: { type: 'number' } }, required: ['n'] });
    expect(targets).toEqual(['draft-2020-12']);
  });

  it('asks for input_schema when the validator cannot give a JSON Schema (zod/mini)', () => {
    const input = zm.object({ city: zm.string() });
    expect(() => tool({ name: 'mini', input, run: noop })).toThrow(
      /tool "mini": the input schema \(from zod\) gives no JSON Schema; pass `input_schema`/,
    );
    const withSchema = tool({ name: 'mini', input, input_schema: zm.toJSONSchema(input), run: ({ city }) => city });
    expect(withSchema.definition.input_schema).toEqual({
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    });
  });

  it('lets input_schema override the derived schema', () => {
    const t = tool({
      name: 'loose',
      input: z.object({ city: z.string().min(3) }),
      input_schema: { type: 'object', properties: { city: { type: 'string' } } },
      run: noop,
    });
    expect(t.definition.input_schema).toEqual({ type: 'object', properties: { city: { type: 'string' } } });
  });

  it('rejects schemas that are not objects or cannot be written as JSON Schema, naming the tool', () => {
    expect(() => tool({ name: 'str', input: z.string() as never, run: noop })).toThrow(
      'tool "str": the input schema must describe an object (type "object"), not "string"',
    );
    let error: unknown;
    try {
      tool({ name: 'when', input: z.object({ at: z.date() }), run: noop });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^tool "when": the input schema cannot be written as JSON Schema \(Date cannot be represented in JSON Schema\)/);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('rejects missing or bad options with a clear message', () => {
    expect(() => tool({ name: '', input: z.object({}), run: noop })).toThrow('tool: `name` must be a non-empty string');
    expect(() => tool({ name: 'x', input: z.object({}), run: 'nope' as never })).toThrow('tool "x": `run` must be a function');
    expect(() => tool({ name: 'x', input: null as never, run: noop })).toThrow(/tool "x": `input` must be/);
    expect(() => tool(undefined as never)).toThrow(/tool: expected an options object/);
  });
});

describe('tool().validate', () => {
  it('returns the parsed (transformed) value of a zod schema', async () => {
    const t = tool({
      name: 'upper',
      input: z.object({ city: z.string().transform((s) => s.toUpperCase()) }),
      run: ({ city }) => city,
    });
    expect(await t.validate({ city: 'paris' })).toEqual({ value: { city: 'PARIS' } });
    const failed = await t.validate({ city: 1 });
    expect(failed.issues?.map((issue) => [issue.path, issue.message])).toEqual([
      [['city'], 'Invalid input: expected string, received number'],
    ]);
  });

  it('accepts any object for a plain JSON Schema and rejects what is not one', async () => {
    const t = tool({ name: 'plain', input: { type: 'object' }, run: noop });
    expect(await t.validate({ a: 1 })).toEqual({ value: { a: 1 } });
    expect(await t.validate([1])).toEqual({ issues: [{ message: 'expected an object, received an array' }] });
    expect(await t.validate(null)).toEqual({ issues: [{ message: 'expected an object, received null' }] });
  });
});
