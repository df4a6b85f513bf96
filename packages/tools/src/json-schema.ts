import type { ToolInputSchema } from '@parley/core';
import { describeError } from './describe-error.js';
import { isStandardSchema, type StandardSchemaV1 } from './standard-schema.js';

/** Where the JSON Schema of a tool's input comes from. */
export interface InputSchemaSource {
  /** The tool's name, for error messages. */
  name: string;
  /** The schema given to `tool()`: a Standard Schema, or a plain JSON Schema. */
  input: StandardSchemaV1 | ToolInputSchema;
  /** A JSON Schema given explicitly, which wins over the one derived from `input`. */
  override?: ToolInputSchema | Readonly<Record<string, unknown>> | undefined;
}

/**
 * The `input_schema` to send for a tool. A Standard Schema gives its JSON Schema through
 * the Standard JSON Schema interface (`~standard.jsonSchema.input`, implemented by zod
 * >= 4.2), so zod is never imported here. The result is a fresh object whose root is
 * `type: 'object'` and has no `$schema` key (the API wants a bare schema).
 *
 * @throws TypeError naming the tool when no JSON Schema can be had or its root is not an object.
 */
export function toInputSchema({ name, input, override }: InputSchemaSource): ToolInputSchema {
  if (override !== undefined) return normalize(name, override);
  if (!isStandardSchema(input)) return normalize(name, input);
  const converter = input['~standard'].jsonSchema;
  if (converter === undefined) {
    throw new TypeError(
      `tool "${name}": the input schema (from ${input['~standard'].vendor}) gives no JSON Schema; ` +
        'pass `input_schema` as well (for zod/mini: `input_schema: z.toJSONSchema(schema)`), or use zod >= 4.2',
    );
  }
  let schema: Record<string, unknown>;
  try {
    schema = converter.input({ target: 'draft-2020-12' });
  } catch (error) {
    throw new TypeError(
      `tool "${name}": the input schema cannot be written as JSON Schema (${describeError(error)}); ` +
        'change the schema or pass `input_schema` explicitly',
      { cause: error },
    );
  }
  return normalize(name, schema);
}

// `schema` is unknown: plain JavaScript callers can pass anything here.
function normalize(name: string, schema: unknown): ToolInputSchema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new TypeError(`tool "${name}": the input schema must be a JSON Schema object`);
  }
  const { $schema: _dialect, type, ...rest } = schema as Record<string, unknown>;
  if (type !== undefined && type !== 'object') {
    throw new TypeError(
      `tool "${name}": the input schema must describe an object (type "object"), not ${JSON.stringify(type)}`,
    );
  }
  // `type` goes first so the schema reads naturally when logged or snapshotted.
  return { type: 'object', ...rest };
}
