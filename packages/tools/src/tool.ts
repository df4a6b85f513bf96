import type {
  CacheControlEphemeral,
  Tool as ToolDefinition,
  ToolInputSchema,
  ToolResultContentBlockParam,
} from '@parley/core';
import { toInputSchema } from './json-schema.js';
import {
  isStandardSchema,
  validateStandard,
  type InferSchemaOutput,
  type StandardSchemaResult,
  type StandardSchemaV1,
} from './standard-schema.js';

/**
 * What a tool's `run` may return: text, content blocks (text, images, ...), or an object,
 * sent to the model as its JSON text. (An object with a `length` property reads as an
 * array to the type checker: return `JSON.stringify(value)` for one.)
 */
export type ToolRunResult = string | readonly ToolResultContentBlockParam[] | ToolRunObject;

/** An object `run` returns, sent as JSON text: anything but an array. */
export type ToolRunObject = object & { readonly length?: never };

/** What `run` gets besides its input. */
export interface ToolRunContext {
  /** Aborted when the runner's signal is; pass it on to fetch and other cancellable work. */
  readonly signal: AbortSignal;
  /** The `id` of the `tool_use` block being answered. */
  readonly toolUseId: string;
}

/** The type `run` receives for a given `input`: a schema's output type, or a plain object for a JSON Schema. */
export type ToolInputOf<S> = S extends StandardSchemaV1 ? InferSchemaOutput<S> : Record<string, unknown>;

/** The options of {@link tool}. */
export interface ToolOptions<Name extends string, S extends StandardSchemaV1 | ToolInputSchema> {
  /** The name the model calls the tool by. */
  name: Name;
  /** What the tool does and when to use it; the model reads this. */
  description?: string | undefined;
  /**
   * The input: a zod 4 schema or any Standard Schema (validated before `run`, and typing
   * `run`'s argument), or a plain JSON Schema object (sent as is, `run` gets a plain object).
   */
  input: S;
  /**
   * The JSON Schema to send as `input_schema`, instead of the one derived from `input`.
   * Needed for validators that cannot give a JSON Schema themselves (zod/mini, valibot);
   * a converter's output fits as is (its `$schema` is dropped, its root must be an object).
   */
  input_schema?: ToolInputSchema | Readonly<Record<string, unknown>> | undefined;
  /** Sent with the definition to end a cached prompt prefix at this tool. */
  cache_control?: CacheControlEphemeral | undefined;
  /** Does the work. A thrown error becomes a `tool_result` with `is_error: true`. */
  run: (input: ToolInputOf<S>, context: ToolRunContext) => ToolRunResult | Promise<ToolRunResult>;
}

/** A tool made by {@link tool}: its definition for the API, its validator and its function. */
export interface RunnableTool<Input = unknown, Name extends string = string> {
  /** The name the model calls the tool by. */
  readonly name: Name;
  /** The object to send in the request's `tools` list. */
  readonly definition: ToolDefinition;
  /** The schema given as `input`. */
  readonly input: StandardSchemaV1<unknown, Input> | ToolInputSchema;
  /** Checks an input the model wrote; `issues` say what is wrong. */
  validate(value: unknown): Promise<StandardSchemaResult<Input>>;
  /** Runs the tool on a validated input. */
  run(input: Input, context: ToolRunContext): ToolRunResult | Promise<ToolRunResult>;
}

/**
 * Defines a tool from a name, a description, an input schema and a function. With a zod 4
 * schema (or any Standard Schema) the input is validated before `run` and typed in it.
 *
 * @example
 * import * as z from 'zod';
 *
 * const getWeather = tool({
 *   name: 'get_weather',
 *   description: 'Get the current weather in a city',
 *   input: z.object({ location: z.string().describe('City name') }),
 *   run: async ({ location }, { signal }) => `Sunny in ${location}`,
 * });
 * getWeather.definition; // { name: 'get_weather', description: '…', input_schema: { type: 'object', … } }
 *
 * @throws TypeError when the name or `run` is missing, or no object JSON Schema can be had for the input.
 */
export function tool<const Name extends string, S extends StandardSchemaV1 | ToolInputSchema>(
  options: ToolOptions<Name, S>,
): RunnableTool<ToolInputOf<S>, Name> {
  if (typeof (options as unknown) !== 'object' || (options as unknown) === null) {
    throw new TypeError('tool: expected an options object with `name`, `input` and `run`');
  }
  const { name, description, input, cache_control, run } = options;
  if (typeof name !== 'string' || name === '') throw new TypeError('tool: `name` must be a non-empty string');
  if (typeof run !== 'function') throw new TypeError(`tool "${name}": \`run\` must be a function`);
  if (typeof input !== 'object' || (input as unknown) === null) {
    throw new TypeError(`tool "${name}": \`input\` must be a zod schema, a Standard Schema or a JSON Schema object`);
  }
  const definition: ToolDefinition = {
    name,
    ...(description === undefined ? {} : { description }),
    input_schema: toInputSchema({ name, input, override: options.input_schema }),
    ...(cache_control === undefined ? {} : { cache_control }),
  };
  type Input = ToolInputOf<S>;
  const validate = isStandardSchema(input)
    ? (value: unknown) => validateStandard(input as StandardSchemaV1<unknown, Input>, value)
    : (value: unknown) => Promise.resolve(checkPlainObject<Input>(value));
  return Object.freeze({ name, definition, input: input as RunnableTool<Input>['input'], validate, run });
}

// A plain JSON Schema is not checked here (that would need a JSON Schema validator), but
// the API promises an object, and `run` is typed to get one.
function checkPlainObject<Input>(value: unknown): StandardSchemaResult<Input> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { value: value as Input };
  const received = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  return { issues: [{ message: `expected an object, received ${received}` }] };
}
