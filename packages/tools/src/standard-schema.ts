// The Standard Schema and Standard JSON Schema interfaces (standardschema.dev), written
// out here instead of imported: the spec asks libraries to copy the types, so any
// validator that implements them (zod 4, valibot, arktype, a hand-written one) works
// without this package depending on it.

import { describeError } from './describe-error.js';

/** One problem found by a Standard Schema validator. */
export interface StandardSchemaIssue {
  /** What is wrong, in the validator's words. */
  readonly message: string;
  /** Where: the keys from the root of the value to the offending part. */
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/** What `validate` gives: the (possibly transformed) value, or the issues. */
export type StandardSchemaResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: readonly StandardSchemaIssue[] };

/** The `~standard` property of a Standard Schema. */
export interface StandardSchemaProps<Input = unknown, Output = Input> {
  /** Always 1. */
  readonly version: 1;
  /** The library that made the schema, e.g. `zod`. */
  readonly vendor: string;
  /** Checks a value; may be async. */
  readonly validate: (
    value: unknown,
    options?: { readonly libraryOptions?: Record<string, unknown> | undefined },
  ) => StandardSchemaResult<Output> | Promise<StandardSchemaResult<Output>>;
  /** Carries the input and output types for inference only; absent at run time. */
  readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  /** Present when the schema also implements Standard JSON Schema (zod >= 4.2 does). */
  readonly jsonSchema?: StandardJSONSchemaConverter | undefined;
}

/** The JSON Schema side of a Standard JSON Schema. */
export interface StandardJSONSchemaConverter {
  /** The JSON Schema of the values the schema accepts; may throw when it cannot be expressed. */
  readonly input: (options: {
    readonly target: 'draft-2020-12' | 'draft-07' | 'openapi-3.0' | (string & {});
    readonly libraryOptions?: Record<string, unknown> | undefined;
  }) => Record<string, unknown>;
}

/**
 * A validator following the Standard Schema spec: every zod 4 schema is one.
 *
 * @example
 * const positive: StandardSchemaV1<number> = {
 *   '~standard': {
 *     version: 1,
 *     vendor: 'mine',
 *     validate: (value) =>
 *       typeof value === 'number' && value > 0 ? { value } : { issues: [{ message: 'expected a positive number' }] },
 *   },
 * };
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': StandardSchemaProps<Input, Output>;
}

/** The type a Standard Schema produces once a value passed validation. */
export type InferSchemaOutput<S extends StandardSchemaV1> = NonNullable<S['~standard']['types']>['output'];

/** True for anything carrying a Standard Schema `~standard` property. */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  const props = (value as Partial<StandardSchemaV1>)['~standard'];
  return typeof props === 'object' && typeof props.validate === 'function';
}

/**
 * Runs a Standard Schema validator. A validator that throws is reported as an issue,
 * so one faulty schema turns into a tool error the model can read instead of a crash.
 */
export async function validateStandard<Output>(
  schema: StandardSchemaV1<unknown, Output>,
  value: unknown,
): Promise<StandardSchemaResult<Output>> {
  try {
    return await schema['~standard'].validate(value);
  } catch (error) {
    return { issues: [{ message: `the validator threw: ${describeError(error)}` }] };
  }
}
