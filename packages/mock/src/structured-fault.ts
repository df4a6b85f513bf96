// The `structuredOutput` fault: what servers without structured outputs do with
// `output_config.format`, so a client's fallback can be tested. It bends the request
// before the model sees it, so the rest of the reply (ids, streaming) stays as usual.
import { errorReply, type Reply } from './reply.js';

/** The ways a server can fail a request for structured output. */
export type StructuredOutputFault = 'invalid_json' | 'schema_violation' | 'unsupported';

export const STRUCTURED_OUTPUT_FAULTS: readonly StructuredOutputFault[] = ['invalid_json', 'schema_violation', 'unsupported'];

type Schema = Record<string, unknown>;
const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The reply or the request text a fault calls for: a 400 naming `output_config`
 * (`unsupported`), the request without `output_config.format` so the answer is free text
 * (`invalid_json`, as llama.cpp's server does: it ignores the parameter), or the schema
 * changed so the JSON answer breaks the one that was sent (`schema_violation`).
 * Undefined when the request asks for no structured output.
 */
export function bendStructuredOutput(fault: StructuredOutputFault, text: string, requestId: string): Reply | string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(body) || !isObject(body.output_config) || !isObject(body.output_config.format)) return undefined;
  const config = body.output_config;
  const format = config.format as Schema;
  if (fault === 'unsupported') {
    return errorReply({ status: 400, requestId, message: 'output_config: Extra inputs are not permitted' });
  }
  if (fault === 'invalid_json') {
    const { format: _format, ...rest } = config;
    const { output_config: _config, ...request } = body;
    return JSON.stringify(Object.keys(rest).length > 0 ? { ...request, output_config: rest } : request);
  }
  const schema = isObject(format.schema) ? format.schema : {};
  return JSON.stringify({ ...body, output_config: { ...config, format: { ...format, schema: violating(schema) } } });
}

// A schema whose samples the original rejects: an object's first property gets the wrong
// type; anything else (or an object without properties) becomes a string.
function violating(schema: Schema): Schema {
  const properties = schema.properties;
  const first = isObject(properties) ? Object.keys(properties)[0] : undefined;
  if (schema.type !== 'object' || first === undefined || !isObject(properties)) {
    return { type: 'string', enum: ['not what the schema asks for'] };
  }
  const wrong = properties[first] !== undefined && isObject(properties[first]) && properties[first].type === 'string' ? { type: 'integer' } : { type: 'string', enum: ['not what the schema asks for'] };
  return { ...schema, properties: { ...properties, [first]: wrong } };
}
