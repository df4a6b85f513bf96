// The seed requests of the fixtures, and random variations of them, shared by the tests
// that hold the compiled checks and the explanation to what the zod schemas say.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';

const fixturesDir = new URL('./fixtures/', import.meta.url);

export const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixturesDir), 'utf8'));

/** The file names of the seed requests (create and count tokens). */
export const requestNames = readdirSync(fixturesDir)
  .filter((name) => name.startsWith('seed-') && name.endsWith('.request.json'))
  .sort();

/** The seed requests for `POST /v1/messages`. */
export const createRequests = requestNames.filter((name) => !name.includes('count-tokens')).map((name) => readJson(name));

/** The malformed requests, each with a name. */
export const invalidCases = readJson('invalid-requests.json') as { name: string; body: unknown }[];

/** Replaces the value at `path` (or removes it, for `undefined`), in a deep copy. */
export function withValue(root: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return copy;
  if (value === undefined && !Array.isArray(node)) Reflect.deleteProperty(node, last);
  else node[last] = value;
  return copy;
}

/** Every path to a value inside `value` (objects and arrays, depth first). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...paths((value as Record<string | number, unknown>)[key], [...prefix, key])]);
}

const replacement = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -3, max: 100_000 }),
  fc.double({ noNaN: true }),
  fc.constantFrom('', 'user', 'assistant', 'text', 'image', 'tool_use', 'ephemeral', 'auto', 'any', 'tool', 'enabled', 'base64', 'image/png', 'url'),
  fc.string(),
  fc.constant([]),
  fc.constant({}),
  fc.constant({ type: 'text', text: 'x' }),
);

/** A seed create request with one value, anywhere in it, replaced or removed. */
export const mutatedCreateRequest = fc
  .constantFrom(...createRequests)
  .chain((body) => fc.tuple(fc.constant(body), fc.constantFrom(...paths(body)), replacement))
  .map(([body, path, value]) => withValue(body, path, value));
