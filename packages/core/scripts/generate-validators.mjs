// Compiles the request schemas of openapi/messages.yaml into plain validation functions
// (ajv's standalone code: no ajv, no `new Function` at run time), written beside the
// output of @hey-api/openapi-ts as src/generated/validators.gen.ts. Run after openapi-ts by
// scripts/generate.mjs, for `pnpm generate` and `pnpm check-generated` alike.
//
// They answer one question fast: is this request valid? Checking a small request takes
// a fraction of a microsecond, so a client can check every call and reach for the
// explanation (src/explain.ts, which walks the same schemas with zod's rules and says what
// is wrong and where) only when this says no. The schemas are adjusted so that both, and
// the zod schemas, accept the same requests:
// - `additionalProperties: false` is dropped: zod objects accept unknown keys too;
// - integers are bounded to the safe range, as `z.int()` is, and string lengths count
//   UTF-16 units, as zod's do;
// - descriptions and examples are dropped: the functions never need them.
//
// The API grows: a request may hold a tool, block, source or citation whose `type` is
// newer than this spec. Every union of tagged objects (members told apart by a `type`
// literal, or by the discriminator's property, such as a turn's `role`) therefore chooses
// its member by the tag, one comparison each, instead of trying every member in turn
// (`oneOf`); a known tag must match its member, and an object whose `type` is an unknown
// string passes as it is and is recorded, with its path, for `takeUnknownTypes` (so a
// client can say so once, and a typo stays visible). An unknown `role` still fails.
//
// Only the yes or no matters here (src/explain.ts explains a no), so ajv is asked for no messages
// and stops at the first problem: that keeps the code about as small as the spec allows.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv, { _ } from 'ajv';
import { strConcat } from 'ajv/dist/compile/codegen/index.js';
import names from 'ajv/dist/compile/names.js';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { parse } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const spec = join(here, '../../../openapi/messages.yaml');
const out = process.env.PARLEY_GENERATE_OUT ?? join(here, '../src/generated');

/** The validators written, by exported name: the schema each checks and what it says. */
const VALIDATORS = {
  isCreateMessageParams: { schema: 'CreateMessageParams', what: 'a valid message request (`CreateMessageParams`)' },
  isCountTokensParams: { schema: 'CountTokensParams', what: 'a valid token count request (`CountTokensParams`)' },
};

/** The keyword that records a union member of an unknown `type` where the value has one. */
const UNKNOWN = 'x-unknown-type';

const DROPPED = new Set(['description', 'examples', 'example', 'discriminator', 'externalDocs', 'xml']);
const REF = '#/components/schemas/';

const document = parse(readFileSync(spec, 'utf8'));
const schemas = document.components.schemas;

/**
 * The strings a component schema declares for its `tag` property (`type`, or `role` for
 * a turn), and whether it may be sent without one (the tag optional or nullable, as the
 * custom tool's `type`); undefined when it declares none.
 */
function tagLiterals(ref, tag) {
  const target = typeof ref === 'string' && ref.startsWith(REF) ? schemas[ref.slice(REF.length)] : undefined;
  const property = target?.properties?.[tag];
  const values = property?.const !== undefined ? [property.const] : property?.enum;
  if (!Array.isArray(values)) return undefined;
  const strings = values.filter((value) => typeof value === 'string');
  if (strings.length === 0) return undefined;
  return { values: strings, untagged: !(target.required ?? []).includes(tag) || strings.length < values.length };
}

/**
 * A union whose members are all component objects told apart by a literal (`type`, or
 * the discriminator's property), as a chain of `if`/`then`/`else` that stops at the member
 * of the value's tag; undefined for any other union. A `type` no member has is recorded
 * and let through (a newer API's member); any other unknown tag fails.
 */
function taggedUnion(node) {
  const alternatives = node.oneOf ?? node.anyOf;
  if (!Array.isArray(alternatives) || alternatives.length < 2 || !alternatives.every((alt) => Object.keys(alt).length === 1 && alt.$ref)) return undefined;
  const tag = node.discriminator?.propertyName ?? 'type';
  const members = alternatives.map((alt) => ({ ref: alt.$ref, literals: tagLiterals(alt.$ref, tag) }));
  if (members.some((member) => member.literals === undefined)) return undefined;
  const untagged = members.find((member) => member.literals.untagged);
  const tagged = (schema) => ({ required: [tag], properties: { [tag]: schema } });
  let chain = tag === 'type' ? { [UNKNOWN]: true } : tagged({ enum: members.flatMap((member) => member.literals.values) });
  for (const member of members.toReversed()) {
    for (const value of member.literals.values.toReversed()) chain = { if: tagged({ const: value }), then: { $ref: member.ref }, else: chain };
  }
  // Without a string tag, only a member that may omit it fits (the custom tool).
  return { type: 'object', if: { not: tagged({ type: 'string' }) }, then: untagged ? { $ref: untagged.ref } : tagged({ type: 'string' }), else: chain };
}

/** A copy of a schema, adjusted as the header says. */
function adjust(node) {
  if (Array.isArray(node)) return node.map(adjust);
  if (typeof node !== 'object' || node === null) return node;
  const union = taggedUnion(node);
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key)) continue;
    if (key === 'additionalProperties' && value === false) continue;
    if (union !== undefined && (key === 'oneOf' || key === 'anyOf')) continue;
    // Property names are data, not keywords: keep a property called `description`.
    copy[key] = key === 'properties' ? Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, adjust(schema)])) : adjust(value);
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

const ajv = new Ajv({ strict: false, allErrors: false, messages: false, validateFormats: false, unicode: false, inlineRefs: false, logger, code: { source: true, esm: true, lines: true } });
ajv.addKeyword({
  keyword: UNKNOWN,
  schemaType: 'boolean',
  // `unknownTypes` is declared in the generated file, beside the functions.
  code(cxt) {
    cxt.gen.code(_`(unknownTypes ??= []).push({ path: ${strConcat(names.default.instancePath, cxt.it.errorPath)}, type: ${cxt.data}.type })`);
  },
});
ajv.addSchema({ $id: 'spec', components: { schemas: adjust(schemas) } });
for (const [name, { schema }] of Object.entries(VALIDATORS)) ajv.addSchema({ $id: name, $ref: `spec#/components/schemas/${schema}` });
let body = standaloneCode(ajv, Object.fromEntries(Object.keys(VALIDATORS).map((name) => [name, name]))).replace(/^"use strict";/, '');

// ajv exports each function under the given name; they are re-exported below with a
// documented, typed signature, so the untyped generated code stays internal.
const typed = [];
for (const [name, { what }] of Object.entries(VALIDATORS)) {
  const exported = new RegExp(`export const ${name} = (\\w+);`);
  const match = exported.exec(body);
  if (match === null) throw new Error(`generate-validators: ajv did not export ${name}`);
  body = body.replace(exported, `const ${name}Compiled = ${match[1]};`);
  typed.push(
    `/** Whether \`value\` is ${what}, where union members of a \`type\` this spec does not know pass as they are: a fast yes or no (\`explainRequest\` explains a no). */`,
    `export const ${name}: (value: unknown) => boolean = (value) => {`,
    '  unknownTypes = undefined;',
    `  return ${name}Compiled(value) === true;`,
    '};',
  );
}
if (/\brequire\(|^import /m.test(body)) throw new Error('generate-validators: the compiled code needs a run-time import');
// Nothing reads ajv's error objects (only whether there are any), so each is left empty,
// and the schema constants that only they referred to are dropped.
body = body
  .replace(/^(const err\d+ = )\{instancePath.*\};$/gm, '$1{};')
  .replace(/^(validate\d+\.errors = )\[\{instancePath.*\}\];$/gm, '$1[{}];');
if (/^(const err\d+ = |validate\d+\.errors = \[)\{instancePath/m.test(body)) throw new Error('generate-validators: an error object was left in full');
body = body.replace(/^const (schema\d+) = .*;\n/gm, (line, name) => (body.split(name).length > 2 ? line : ''));
// Only `instancePath` is read (for `unknownTypes`): the other arguments ajv passes each
// function (for options not used here) are left out, which takes a tenth off the code.
body = body
  .replaceAll('{instancePath="", parentData, parentDataProperty, rootData=data}={}', '{instancePath=""}={}')
  .replaceAll('{instancePath,parentData,parentDataProperty,rootData}', '{instancePath}')
  .replace(/,parentData:[\w.]+,parentDataProperty:[^,{}]+,rootData\}/g, '}');
// The two ways ajv records a failure, written out at every check (about 1,800 places), are
// calls of two small functions declared beside the code: a tenth less again.
body = body
  .replace(/^const (err\d+) = \{\};\nif\(vErrors === null\)\{\nvErrors = \[\1\];\n\}\nelse \{\nvErrors\.push\(\1\);\n\}\nerrors\+\+;$/gm, 'vErrors = failed(vErrors);\nerrors++;')
  .replace(/^(validate\d+)\.errors = \[\{\}\];\nreturn false;$/gm, 'return fail($1);');
if (/\[err\d+\]|\.errors = \[\{\}\]/.test(body)) throw new Error('generate-validators: a failure was left in the long form');
if (/\b(parentData|rootData)\b/.test(body)) throw new Error(`generate-validators: the code still reads parentData or rootData: ${/.{0,80}\b(?:parentData|rootData)\b.{0,40}/.exec(body)?.[0]}`);

mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'validators.gen.ts'),
  [
    '// This file is generated by packages/core/scripts/generate-validators.mjs from openapi/messages.yaml; do not edit.',
    '// @ts-nocheck',
    '/* eslint-disable */',
    '/** A union member whose `type` this spec does not know, and where it is (a JSON pointer, `/messages/0/content/1`). */',
    'export interface UnknownType {',
    '  path: string;',
    '  type: string;',
    '}',
    '',
    'let unknownTypes: UnknownType[] | undefined;',
    '',
    '/** A failure inside a union or condition, where ajv lists the failures of each branch. */',
    'const failed = (errors) => (errors === null ? [{}] : (errors.push({}), errors));',
    '/** A failure that ends the check: the function says no. */',
    'const fail = (validate) => {',
    '  validate.errors = [{}];',
    '  return false;',
    '};',
    '',
    body.trim(),
    '',
    ...typed,
    '',
    '/** The union members of an unknown `type` that the last check let through, if any. */',
    'export function takeUnknownTypes(): UnknownType[] | undefined {',
    '  const found = unknownTypes;',
    '  unknownTypes = undefined;',
    '  return found;',
    '}',
    '',
    '/** The keys of a JSON pointer such as an `UnknownType` path: `[\'messages\', \'0\', \'content\']` for `/messages/0/content`. */',
    'export function pointerKeys(pointer: string): string[] {',
    "  return pointer.split('/').slice(1).map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));",
    '}',
    '',
  ].join('\n'),
);
