// Builds a tool input (or a structured output) that satisfies a JSON Schema, without
// randomness: the same schema always gives the same value. Supported: type (or a list of types),
// properties/required, enum, const, anyOf/oneOf (first branch), allOf (merged),
// $ref to #/$defs or #/definitions, string length and common formats, number and
// integer bounds (inclusive and exclusive) with multipleOf, array items/prefixItems
// with minItems/maxItems. `pattern` is not honoured.
import { sampleNumber } from './sample-number.js';

type Schema = Record<string, unknown>;

interface Context {
  root: Schema;
  depth: number;
  /** The property name the value is for, used to make strings readable. */
  name: string;
  /** The position in an enclosing array, so items differ from each other. */
  index: number;
}

/** Deeper than this, only required properties and minimum items are generated. */
const FULL_DEPTH = 3;
/** Deeper than this, recursion stops (a recursive schema is not followed forever). */
const MAX_DEPTH = 12;

const FORMATS: Record<string, string> = {
  'date-time': '2025-01-01T00:00:00Z',
  date: '2025-01-01',
  time: '12:00:00Z',
  email: 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: '123e4567-e89b-42d3-a456-426614174000',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  hostname: 'example.com',
};

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(schema: Schema, root: Schema): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < MAX_DEPTH; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#')) return {};
    let target: unknown = root;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      const key = decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
      target = isSchema(target) ? target[key] : undefined;
    }
    const { $ref: _ref, ...rest } = current;
    current = { ...(isSchema(target) ? target : {}), ...rest };
  }
  return current;
}

function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? (value as unknown[]) : undefined;
}

function asStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function mergeAllOf(schema: Schema, root: Schema): Schema {
  if (!Array.isArray(schema.allOf)) return schema;
  const { allOf, ...merged } = schema;
  for (const part of allOf) {
    if (!isSchema(part)) continue;
    const resolved = mergeAllOf(resolveRef(part, root), root);
    const properties = { ...(merged.properties as Schema | undefined), ...(resolved.properties as Schema | undefined) };
    const required = [...asStrings(merged.required), ...asStrings(resolved.required)];
    Object.assign(merged, resolved);
    // Only objects get these, so a merged number schema stays a number.
    if (Object.keys(properties).length > 0) merged.properties = properties;
    if (required.length > 0) merged.required = required;
  }
  return merged;
}

function typeOf(schema: Schema): string {
  const declared = schema.type;
  if (typeof declared === 'string') return declared;
  if (Array.isArray(declared)) {
    const first = declared.find((type) => type !== 'null') as string | undefined;
    return first ?? 'null';
  }
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined || schema.prefixItems !== undefined) return 'array';
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => k in schema)) return 'number';
  return 'string';
}

function sampleString(schema: Schema, context: Context): string {
  const format = typeof schema.format === 'string' ? FORMATS[schema.format] : undefined;
  let text = format ?? `example ${context.name || 'text'}${context.index > 0 ? ` ${context.index + 1}` : ''}`;
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  if (text.length < min) text += 'x'.repeat(min - text.length);
  return text.length > max ? text.slice(0, max) : text;
}

function sampleArray(schema: Schema, context: Context): unknown[] {
  const prefix = asArray(schema.prefixItems) ?? asArray(schema.items) ?? [];
  const items = Array.isArray(schema.items) ? schema.additionalItems : schema.items;
  const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : Infinity;
  const wanted = context.depth > FULL_DEPTH ? min : Math.max(min, 1, prefix.length);
  const count = Math.min(wanted, max);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const itemSchema = i < prefix.length ? prefix[i] : items;
    out.push(sample(itemSchema, { ...context, depth: context.depth + 1, index: i }));
  }
  return out;
}

function sampleObject(schema: Schema, context: Context): Record<string, unknown> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(asStrings(schema.required));
  const keys = [...new Set([...Object.keys(properties), ...required])];
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (!required.has(key) && context.depth >= FULL_DEPTH) continue;
    out[key] = sample(properties[key], { ...context, depth: context.depth + 1, name: key, index: 0 });
  }
  return out;
}

function sample(raw: unknown, context: Context): unknown {
  if (raw === false) return null;
  let schema = mergeAllOf(resolveRef(isSchema(raw) ? raw : {}, context.root), context.root);
  if ('const' in schema) return schema.const;
  const choices = asArray(schema.enum);
  if (choices && choices.length > 0) return choices[context.index % choices.length];
  const branches = asArray(schema.anyOf) ?? asArray(schema.oneOf);
  if (branches && branches.length > 0) {
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    const branch = branches.find((b) => !(isSchema(b) && b.type === 'null')) ?? branches[0];
    schema = { ...rest, ...(isSchema(branch) ? resolveRef(branch, context.root) : {}) };
    return sample(schema, context);
  }
  const type = typeOf(schema);
  if (context.depth > MAX_DEPTH) return type === 'array' ? [] : type === 'object' ? {} : null;
  switch (type) {
    case 'object':
      return sampleObject(schema, context);
    case 'array':
      return sampleArray(schema, context);
    case 'integer':
      return sampleNumber(schema, { integer: true, index: context.index });
    case 'number':
      return sampleNumber(schema, { integer: false, index: context.index });
    case 'boolean':
      return context.index % 2 === 0;
    case 'null':
      return null;
    default:
      return sampleString(schema, context);
  }
}

/**
 * A value satisfying `schema`: a structured output's JSON, say.
 *
 * @example
 * sampleValue({ type: 'array', items: { type: 'integer' } }); // [42]
 */
export function sampleValue(schema: Schema): unknown {
  return sample(schema, { root: schema, depth: 0, name: '', index: 0 });
}

/**
 * An input for a tool, generated from its `input_schema`.
 *
 * @example
 * sampleInput({ type: 'object', properties: { city: { type: 'string' } }, required: ['city'] });
 * // { city: 'example city' }
 */
export function sampleInput(schema: Schema): Record<string, unknown> {
  const value = sampleValue(schema);
  return isSchema(value) ? value : {};
}
