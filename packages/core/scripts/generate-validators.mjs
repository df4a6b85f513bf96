// Compiles the request schemas of openapi/messages.yaml into plain validation functions
// (ajv's standalone code: no ajv, no `new Function` at run time), written beside the
// output of @hey-api/openapi-ts as src/generated/validators.gen.ts. Run after openapi-ts by
// scripts/generate.mjs, for `pnpm generate` and `pnpm check-generated` alike.
//
// They answer one question fast: is this request valid? Checking a small request takes
// a fraction of a microsecond, where the zod schemas take several, so a client can check
// every call and reach for the zod schemas (and their precise issues) only when this
// says no. The schemas are adjusted so both accept the same requests:
// - `additionalProperties: false` is dropped: zod objects accept unknown keys too;
// - integers are bounded to the safe range, as `z.int()` is, and string lengths count
//   UTF-16 units, as zod's do;
// - descriptions and examples are dropped: the functions never need them.
//
// The API grows: a request may hold a tool, block, source or citation whose `type` is
// newer than this spec. Every union of typed objects (members told apart by a `type`
// literal) is therefore compiled twice:
// - closed, for `isCreateMessageParams`: only the known members pass. It sees every
//   problem (`allErrors`), so an unknown member shows up as a `false schema` error at its
//   path, which `findUnknownTypes` reports;
// - open, for `acceptsCreateMessageParams`: an object whose `type` is an unknown string
//   passes as it is, while a known `type` must still match its member.
// In both, the member is chosen by its `type` with one comparison each, instead of trying
// every member in turn (`oneOf`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const spec = join(here, '../../../openapi/messages.yaml');
const out = process.env.PARLEY_GENERATE_OUT ?? join(here, '../src/generated');

/** The requests checked: the schema, its validator names and what a valid one is. */
const VALIDATORS = [
  { schema: 'CreateMessageParams', closed: 'isCreateMessageParams', open: 'acceptsCreateMessageParams', what: 'a valid message request (`CreateMessageParams`)' },
  { schema: 'CountTokensParams', closed: 'isCountTokensParams', open: 'acceptsCountTokensParams', what: 'a valid token count request (`CountTokensParams`)' },
];

const DROPPED = new Set(['description', 'examples', 'example', 'discriminator', 'externalDocs', 'xml']);
const REF = '#/components/schemas/';

const document = parse(readFileSync(spec, 'utf8'));
const schemas = document.components.schemas;

/** The `type` literals a component schema declares, and whether `type` is required; undefined when it has none. */
function typeLiterals(ref) {
  const target = typeof ref === 'string' && ref.startsWith(REF) ? schemas[ref.slice(REF.length)] : undefined;
  const type = target?.properties?.type;
  const values = type?.const !== undefined ? [type.const] : type?.enum;
  if (!Array.isArray(values) || !values.every((value) => typeof value === 'string')) return undefined;
  return { values, required: (target.required ?? []).includes('type') };
}

/**
 * A union whose members are all component objects with a `type` literal, as an `allOf` of
 * `if`/`then` pairs chosen by `type`; undefined for any other union.
 */
function typedUnion(alternatives, open) {
  if (!Array.isArray(alternatives) || alternatives.length < 2 || !alternatives.every((alt) => Object.keys(alt).length === 1 && alt.$ref)) return undefined;
  const members = alternatives.map((alt) => ({ ref: alt.$ref, literals: typeLiterals(alt.$ref) }));
  if (members.some((member) => member.literals === undefined)) return undefined;
  const known = members.flatMap((member) => member.literals.values);
  const untyped = members.find((member) => !member.literals.required);
  const hasType = (value) => ({ required: ['type'], properties: { type: { const: value } } });
  return {
    type: 'object',
    allOf: [
      ...members.flatMap((member) => member.literals.values.map((value) => ({ if: hasType(value), then: { $ref: member.ref } }))),
      // A member whose `type` is optional (the custom tool) is the one meant without it.
      { if: { not: { required: ['type'] } }, then: untyped ? { $ref: untyped.ref } : { required: ['type'] } },
      { if: { required: ['type'], not: { properties: { type: { enum: known } } } }, then: open ? { properties: { type: { type: 'string' } } } : false },
    ],
  };
}

/** A copy of a schema, adjusted as the header says, with typed unions closed or open. */
function adjust(node, open) {
  if (Array.isArray(node)) return node.map((item) => adjust(item, open));
  if (typeof node !== 'object' || node === null) return node;
  const union = typedUnion(node.oneOf ?? node.anyOf, open);
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key)) continue;
    if (key === 'additionalProperties' && value === false) continue;
    if (union !== undefined && (key === 'oneOf' || key === 'anyOf')) continue;
    // Property names are data, not keywords: keep a property called `description`.
    copy[key] = key === 'properties' ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, adjust(schema, open)])) : adjust(value, open);
  }
  if (union !== undefined) Object.assign(copy, union);
  const types = Array.isArray(copy.type) ? copy.type : [copy.type];
  if (types.includes('integer')) {
    copy.minimum = Math.max(copy.minimum ?? -Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER);
    copy.maximum = Math.min(copy.maximum ?? Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }
  return copy;
}

// `unicode: false` measures strings in UTF-16 units, as zod does (and it needs no
// run-time helper); ajv calls the option deprecated, which is the one warning silenced.
const logger = {
  log: () => undefined,
  warn: (...args) => {
    if (!String(args[0]).includes('option unicode')) console.warn(...args);
  },
  error: (...args) => console.error(...args),
};

/**
 * ajv's standalone code for one variant, wrapped in a function scope (both variants use
 * the same internal names) that returns the validators by name.
 */
function compile(open) {
  const ajv = new Ajv({ strict: false, allErrors: !open, validateFormats: false, unicode: false, inlineRefs: false, logger, code: { source: true, esm: true, lines: true } });
  ajv.addSchema({ $id: 'spec', components: { schemas: adjust(schemas, open) } });
  const names = VALIDATORS.map((v) => (open ? v.open : v.closed));
  VALIDATORS.forEach((v, i) => ajv.addSchema({ $id: names[i], $ref: `spec#/components/schemas/${v.schema}` }));
  let body = standaloneCode(ajv, Object.fromEntries(names.map((name) => [name, name]))).replace(/^"use strict";/, '');
  const returned = [];
  for (const name of names) {
    const exported = new RegExp(`export const ${name} = (\\w+);`);
    const match = exported.exec(body);
    if (match === null) throw new Error(`generate-validators: ajv did not export ${name}`);
    body = body.replace(exported, '');
    returned.push(`${name}: ${match[1]}`);
  }
  if (/\brequire\(|^import |^export /m.test(body)) throw new Error('generate-validators: the compiled code needs a run-time import');
  return `const ${open ? 'open' : 'closed'} = (() => {\n${body.trim()}\nreturn { ${returned.join(', ')} };\n})();`;
}

const typed = [];
for (const { closed, open, what } of VALIDATORS) {
  typed.push(
    `/** Whether \`value\` is ${what} made only of the unions' known members: a fast yes or no (the zod schema explains a no). */`,
    `export const ${closed}: (value: unknown) => boolean = (value) => closed.${closed}(value) === true;`,
    `/** Whether \`value\` is ${what} once members of a union with a \`type\` newer than this spec are let through as they are. */`,
    `export const ${open}: (value: unknown) => boolean = (value) => open.${open}(value) === true;`,
  );
}
typed.push(
  '/** A union member whose `type` this spec does not know, and where it is (`messages.0.content.1`). */',
  'export interface UnknownType { path: string; type: unknown }',
  '',
  '/** The union members of a request whose `type` this spec does not know: the reason `is...` said no where `accepts...` says yes. */',
  `export function findUnknownTypes(kind: ${VALIDATORS.map((v) => `'${v.schema}'`).join(' | ')}, value: unknown): UnknownType[] {`,
  `  const check = kind === '${VALIDATORS[0].schema}' ? closed.${VALIDATORS[0].closed} : closed.${VALIDATORS[1].closed};`,
  '  if (check(value)) return [];',
  '  const found: UnknownType[] = [];',
  '  for (const error of check.errors ?? []) {',
  "    if (error.keyword !== 'false schema') continue;",
  "    const keys = error.instancePath.split('/').slice(1).map((key: string) => key.replaceAll('~1', '/').replaceAll('~0', '~'));",
  '    let node = value;',
  '    for (const key of keys) node = node?.[key];',
  "    found.push({ path: keys.join('.'), type: node?.type });",
  '  }',
  '  return found;',
  '}',
);

mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'validators.gen.ts'),
  [
    '// This file is generated by packages/core/scripts/generate-validators.mjs from openapi/messages.yaml; do not edit.',
    '// @ts-nocheck',
    '/* eslint-disable */',
    compile(false),
    '',
    compile(true),
    '',
    ...typed,
    '',
  ].join('\n'),
);
