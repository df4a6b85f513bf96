// Writes src/generated/request-shapes.gen.ts: the request schemas (CreateMessageParams,
// CountTokensParams and all they hold) as a compact table that src/explain.ts walks to say
// why the compiled checks rejected a request. Run after openapi-ts by scripts/generate.mjs.
//
// The table is read off the zod schemas that @hey-api/openapi-ts just wrote (zod.gen.ts),
// so an explanation follows exactly the rules zod would apply, without zod at run time.
// Each node is an array whose first item says what it is:
//   ['o', [[key, node], ...]]           object (unknown keys allowed)
//   ['u', [node, ...], discriminator?]  union; with a discriminator, chosen by that key
//   ['v', [value, ...]]                 one of these values (enum or literal)
//   ['s', checks] ['n', checks, int?] ['a', element, checks] ['b'] ['x'] ['r', value]
//   ['?', node] optional, ['N', node] nullable
// and a check is ['>', bound, inclusive], ['<', bound, inclusive], ['min', n], ['max', n]
// or ['re', source, flags].
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.env.PARLEY_GENERATE_OUT ?? join(here, '../src/generated');
const ROOTS = { createMessage: 'zCreateMessageParams', countTokens: 'zCountTokensParams' };

// zod.gen.ts is plain JavaScript apart from its name; it is loaded from a copy whose
// `zod` import points at core's own zod, wherever the output folder is.
const zodUrl = pathToFileURL(createRequire(join(here, '../package.json')).resolve('zod')).href;
const source = readFileSync(join(out, 'zod.gen.ts'), 'utf8').replace(/from 'zod';/, `from ${JSON.stringify(zodUrl)};`);
const scratch = mkdtempSync(join(tmpdir(), 'parley-shapes-'));
let schemas;
try {
  writeFileSync(join(scratch, 'zod.gen.mjs'), source);
  schemas = await import(pathToFileURL(join(scratch, 'zod.gen.mjs')).href);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const nodes = [];
const indexOf = new Map();
const byText = new Map();

function checksOf(def) {
  const checks = [];
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.check === 'greater_than') checks.push(['>', c.value, c.inclusive]);
    else if (c.check === 'less_than') checks.push(['<', c.value, c.inclusive]);
    else if (c.check === 'min_length') checks.push(['min', c.minimum]);
    else if (c.check === 'max_length') checks.push(['max', c.maximum]);
    else if (c.check === 'string_format' && c.format === 'regex') checks.push(['re', c.pattern.source, c.pattern.flags]);
    else throw new Error(`generate-request-shapes: no rule for the check ${c.check}`);
  }
  return checks;
}

function describe(def) {
  switch (def.type) {
    case 'object':
      if (def.catchall !== undefined) throw new Error('generate-request-shapes: an object with a catchall');
      return ['o', Object.entries(def.shape).map(([key, value]) => [key, visit(value)])];
    case 'union':
      return def.discriminator === undefined ? ['u', def.options.map(visit)] : ['u', def.options.map(visit), def.discriminator];
    case 'enum':
      return ['v', Object.values(def.entries)];
    case 'literal':
      return ['v', [...def.values]];
    case 'string':
      return ['s', checksOf(def)];
    case 'number':
      if (def.format !== undefined && def.format !== 'safeint') throw new Error(`generate-request-shapes: number format ${def.format}`);
      return def.format === 'safeint' ? ['n', checksOf(def), 1] : ['n', checksOf(def)];
    case 'boolean':
      return ['b'];
    case 'unknown':
      return ['x'];
    case 'array':
      return ['a', visit(def.element), checksOf(def)];
    case 'optional':
      return ['?', visit(def.innerType)];
    case 'nullable':
      return ['N', visit(def.innerType)];
    case 'record':
      if (def.keyType._zod.def.type !== 'string' || (def.keyType._zod.def.checks ?? []).length > 0) throw new Error('generate-request-shapes: a record keyed by more than strings');
      return ['r', visit(def.valueType)];
    default:
      throw new Error(`generate-request-shapes: no rule for zod type ${def.type}`);
  }
}

/** The node index of a schema, shared by every schema of the same description. */
function visit(schema) {
  const known = indexOf.get(schema);
  if (known !== undefined) return known;
  const index = nodes.length;
  indexOf.set(schema, index);
  nodes.push(undefined);
  const node = describe(schema._zod.def);
  const text = JSON.stringify(node);
  const same = byText.get(text);
  if (same !== undefined && index === nodes.length - 1) {
    // A twin of an earlier node: reuse it (nothing after this one refers to the new slot).
    nodes.pop();
    indexOf.set(schema, same);
    return same;
  }
  nodes[index] = node;
  byText.set(text, index);
  return index;
}

const roots = Object.fromEntries(Object.entries(ROOTS).map(([kind, name]) => [kind, visit(schemas[name])]));
if (nodes.includes(undefined)) throw new Error('generate-request-shapes: a node left undescribed');

writeFileSync(
  join(out, 'request-shapes.gen.ts'),
  [
    '// This file is generated by packages/core/scripts/generate-request-shapes.mjs from the zod schemas of openapi/messages.yaml; do not edit.',
    '/* eslint-disable */',
    "import type { Shape } from '../explain-types.js';",
    '',
    '/** The node each request kind starts from. */',
    `export const roots = ${JSON.stringify(roots)} as const;`,
    '',
    '/** Every node of the request schemas; nodes refer to each other by index. */',
    'export const shapes: readonly Shape[] = [',
    ...nodes.map((node) => `${JSON.stringify(node)},`),
    '];',
    '',
  ].join('\n'),
);

// `@parley/core/zod` is zod.gen.ts itself, with these declarations instead of the inferred
// ones, which spell out every nested zod type of every schema (megabytes): each schema is
// a `z.ZodType` of the generated type of its name (of `unknown` where the spec names none).
// The build copies the file beside zod.gen.js.
const typeNames = new Set([...readFileSync(join(out, 'types.gen.ts'), 'utf8').matchAll(/^export type (\w+)/gm)].map((match) => match[1]));
const zodNames = Object.keys(schemas).filter((name) => /^z[A-Z]/.test(name));
const declared = (name) => (typeNames.has(name.slice(1)) ? `S<T.${name.slice(1)}>` : 'S<unknown>');
writeFileSync(
  join(out, 'zod-types.gen.d.ts'),
  [
    '// This file is generated by packages/core/scripts/generate-request-shapes.mjs from the zod schemas of openapi/messages.yaml; do not edit.',
    "import type * as z from 'zod';",
    "import type * as T from './types.gen.js';",
    '',
    '/** A zod schema whose output and input are `Type`. */',
    'type S<Type> = z.ZodType<Type, Type>;',
    '',
    ...zodNames.map((name) => `export declare const ${name}: ${declared(name)};`),
    '',
  ].join('\n'),
);
