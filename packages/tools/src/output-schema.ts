// The JSON Schema an output format sends is reduced to what structured outputs accept.
// The rules (README, "Output formats") follow Anthropic's structured-outputs docs, "JSON
// Schema limitations": keywords the API refuses are moved into `description`, so the
// model still reads them, and the user's own schema still checks them on the reply.

type Schema = Record<string, unknown>;

// String formats the API accepts; any other `format` goes to the description.
const STRING_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'uri', 'ipv4', 'ipv6', 'uuid']);

// Keywords kept as they are (the structure itself, and annotations the API reads).
const KEPT = new Set(['type', 'title', 'description', 'default', '$ref', '$defs', 'definitions', 'const', 'enum', 'anyOf', 'allOf', 'oneOf', 'properties', 'required', 'additionalProperties', 'items', 'prefixItems', 'format', 'minItems', 'pattern', '$schema', '$id', '$comment', 'examples']);

// Regular expression features the docs list as unsupported: backreferences, lookaround, word boundaries.
const UNSUPPORTED_PATTERN = /\\[1-9bBk]|\(\?<?[=!]/;

const isSchema = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const isPrimitive = (value: unknown): boolean => value === null || typeof value !== 'object';

/**
 * The schema to send for structured output: `additionalProperties: false` and every
 * property in `required` on each object, `oneOf` as `anyOf`, and the keywords the API
 * refuses (`minimum`, `maxLength`, `minItems` above 1, unknown string formats, complex
 * patterns, ...) written into `description` instead. The input is not changed.
 *
 * @example
 * reduceOutputSchema({ type: 'object', properties: { age: { type: 'integer', minimum: 0 } } });
 * // { type: 'object', properties: { age: { type: 'integer', description: '{minimum: 0}' } },
 * //   required: ['age'], additionalProperties: false }
 */
export function reduceOutputSchema(schema: Schema): Schema {
  const { $schema: _dialect, ...rest } = schema;
  return reduce(rest);
}

function reduce(schema: Schema): Schema {
  const out: Schema = {};
  const moved: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (!KEPT.has(key)) {
      moved.push(`${key}: ${JSON.stringify(value)}`);
      continue;
    }
    switch (key) {
      case '$schema':
      case '$id':
      case '$comment':
        break;
      case 'properties':
        if (isSchema(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, reduceAny(sub)]));
        break;
      case '$defs':
      case 'definitions':
        if (isSchema(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, reduceAny(sub)]));
        break;
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
      case 'prefixItems':
        if (Array.isArray(value)) out[key === 'oneOf' ? 'anyOf' : key] = value.map(reduceAny);
        break;
      case 'items':
        out[key] = reduceAny(value);
        break;
      case 'enum':
        // Only primitive values are accepted in an enum.
        if (Array.isArray(value) && value.every(isPrimitive)) out[key] = value;
        else moved.push(`enum: ${JSON.stringify(value)}`);
        break;
      case 'const':
        if (isPrimitive(value)) out[key] = value;
        else moved.push(`const: ${JSON.stringify(value)}`);
        break;
      case 'format':
        if (typeof value === 'string' && STRING_FORMATS.has(value)) out[key] = value;
        else moved.push(`format: ${JSON.stringify(value)}`);
        break;
      case 'minItems':
        if (value === 0 || value === 1) out[key] = value;
        else moved.push(`minItems: ${JSON.stringify(value)}`);
        break;
      case 'pattern':
        if (typeof value === 'string' && !UNSUPPORTED_PATTERN.test(value)) out[key] = value;
        else moved.push(`pattern: ${JSON.stringify(value)}`);
        break;
      case 'additionalProperties':
      case 'required':
        // Set below for every object.
        break;
      default:
        out[key] = value;
    }
  }
  if (out.type === 'object' || isSchema(out.properties)) {
    const properties = isSchema(out.properties) ? out.properties : {};
    out.properties = properties;
    out.required = Object.keys(properties);
    out.additionalProperties = false;
    if (isSchema(schema.additionalProperties)) moved.push(`additionalProperties: ${JSON.stringify(schema.additionalProperties)}`);
  }
  if (moved.length > 0) {
    const note = `{${moved.join(', ')}}`;
    out.description = typeof out.description === 'string' && out.description !== '' ? `${out.description}\n\n${note}` : note;
  }
  return out;
}

const reduceAny = (value: unknown): unknown => (isSchema(value) ? reduce(value) : value);
