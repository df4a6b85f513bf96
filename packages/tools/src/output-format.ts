// Output formats: a schema for `output_config.format` that also reads the reply. The
// object is the wire format itself (`type` and the reduced `schema` are its only
// enumerable keys, so it serializes as the API wants it); what reads the reply sits
// behind non-enumerable keys. Nothing here loads with the client: a program pays for it
// only when it imports `outputFormat`.
import type { JSONOutputFormat } from '@parley/core';
import { OutputParseError, type OutputIssue } from '@parley/errors';
import type { Message } from '@parley/core';
import { ParsedMessageStream, parseOutputMessage, type ParsedMessage } from '@parley/streaming';
import { describeError } from './describe-error.js';
import { reduceOutputSchema } from './output-schema.js';
import {
  isStandardSchema,
  validateStandard,
  type InferSchemaOutput,
  type StandardSchemaIssue,
  type StandardSchemaV1,
} from './standard-schema.js';

/** Options of {@link outputFormat}. */
export interface OutputFormatOptions {
  /**
   * The JSON Schema to send, instead of the one derived from the schema: needed for
   * validators that cannot give one themselves (valibot, arktype: pass their converter's output).
   */
  jsonSchema?: Readonly<Record<string, unknown>> | undefined;
  /** The tool name used when the output is asked for as a forced tool call (`structuredOutput: 'tool'`). Default `structured_output`. */
  name?: string | undefined;
  /** The description of that tool. */
  description?: string | undefined;
}

/**
 * An output format made by {@link outputFormat}: the wire `{ type: 'json_schema', schema }`
 * (the schema reduced to what the API accepts) plus what reads and checks the reply.
 */
export interface OutputFormat<T = unknown> extends JSONOutputFormat {
  readonly type: 'json_schema';
  /** The reduced JSON Schema sent to the API. */
  readonly schema: Record<string, unknown>;
  /** The tool name used in `structuredOutput: 'tool'` mode (not sent in native mode). */
  readonly name: string;
  /** The tool description used in `'tool'` mode. */
  readonly description: string | undefined;
  /**
   * Reads output text: `JSON.parse`, then the user's full schema.
   * @throws OutputParseError with reason `invalid_json` or `schema`, keeping the text.
   */
  parse(text: string): Promise<T>;
  /**
   * Reads the output of a finished reply: its text, or with `tool` the input of that
   * tool's call (how `structuredOutput: 'tool'` asks for it).
   * @throws OutputParseError keeping the raw text and the reply; a refusal or a
   * `max_tokens` stop is reported as such.
   */
  read(message: Message, tool?: string): Promise<ParsedMessage<T>>;
  /**
   * The stream class that reads this output as it arrives. The client takes it from
   * here, so a program that never asks for structured output never loads it.
   */
  readonly streamClass: typeof ParsedMessageStream;
  /** Carries the output type for inference only; never set. */
  readonly '~output'?: T;
}

/** The type an output format produces. */
export type OutputOf<F> = F extends OutputFormat<infer T> ? T : unknown;

/** The user's schema, typed by where it came from. */
type SchemaOutput<S> = S extends StandardSchemaV1 ? InferSchemaOutput<S> : unknown;

/**
 * Makes an output format from a zod 4 schema, any Standard Schema that gives a JSON
 * Schema, or a plain JSON Schema (whose output is `unknown` unless you name a type).
 * Pass it as `output_config.format` to `client.messages.parse()` or `stream()` to get
 * a typed `parsed_output`.
 *
 * @example
 * import * as z from 'zod';
 *
 * const recipe = outputFormat(z.object({ name: z.string(), minutes: z.number().int().min(1) }));
 * const { parsed_output } = await client.messages.parse({ ...params, output_config: { format: recipe } });
 * parsed_output.minutes; // number
 *
 * const plain = outputFormat<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } } });
 *
 * @throws TypeError when no JSON Schema can be had for the schema.
 */
export function outputFormat<S extends StandardSchemaV1>(schema: S, options?: OutputFormatOptions): OutputFormat<SchemaOutput<S>>;
export function outputFormat<T = unknown>(schema: Readonly<Record<string, unknown>>, options?: OutputFormatOptions): OutputFormat<T>;
export function outputFormat(schema: StandardSchemaV1 | Readonly<Record<string, unknown>>, options: OutputFormatOptions = {}): OutputFormat {
  if (typeof (schema as unknown) !== 'object' || (schema as unknown) === null) {
    throw new TypeError('outputFormat: expected a zod schema, a Standard Schema or a JSON Schema object');
  }
  const standard = isStandardSchema(schema) ? schema : undefined;
  const full = options.jsonSchema ?? (standard === undefined ? (schema as Record<string, unknown>) : fromStandard(standard));
  const format = { type: 'json_schema', schema: reduceOutputSchema(full) } as const;
  const parse = async (text: string): Promise<unknown> => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new OutputParseError({ reason: 'invalid_json', text, cause: error });
    }
    if (standard === undefined) return value;
    const result = await validateStandard(standard, value);
    if (result.issues === undefined) return result.value;
    throw new OutputParseError({ reason: 'schema', text, issues: result.issues.map(toOutputIssue) });
  };
  // Not enumerable: JSON.stringify and the request checks see only `type` and `schema`.
  return Object.defineProperties(format, {
    parse: { value: parse },
    read: { value: (message: Message, tool?: string) => parseOutputMessage(message, { tool, parse }) },
    name: { value: options.name ?? 'structured_output' },
    description: { value: options.description },
    streamClass: { value: ParsedMessageStream },
  }) as OutputFormat;
}

/** Whether `value` is an output format made by {@link outputFormat} (rather than a plain `json_schema` format). */
export function isOutputFormat(value: unknown): value is OutputFormat {
  return typeof value === 'object' && value !== null && typeof (value as Partial<OutputFormat>).parse === 'function';
}

function fromStandard(schema: StandardSchemaV1): Record<string, unknown> {
  const converter = schema['~standard'].jsonSchema;
  if (converter === undefined) {
    throw new TypeError(
      `outputFormat: the schema (from ${schema['~standard'].vendor}) gives no JSON Schema; ` +
        "pass `{ jsonSchema }` as well (your library's JSON Schema converter), or use zod >= 4.2",
    );
  }
  try {
    return converter.input({ target: 'draft-2020-12' });
  } catch (error) {
    throw new TypeError(`outputFormat: the schema cannot be written as JSON Schema (${describeError(error)})`, { cause: error });
  }
}

function toOutputIssue(issue: StandardSchemaIssue): OutputIssue {
  const path = (issue.path ?? []).map((segment) => {
    const key = typeof segment === 'object' ? segment.key : segment;
    return typeof key === 'symbol' ? String(key) : key;
  });
  return { path, message: issue.message };
}
