import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { zContentBlock, zCountTokensParams, zCreateMessageParams, zMessage } from '../src/generated/zod.gen.js';

// The fixtures are the request and response examples of the seeds, written out as JSON,
// plus hand-made malformed requests that each name the path the first zod issue must point at.
const fixturesDir = new URL('./fixtures/', import.meta.url);
const readJson = (name: string): unknown => JSON.parse(readFileSync(new URL(name, fixturesDir), 'utf8'));
const fixtureNames = readdirSync(fixturesDir).filter((name) => name.startsWith('seed-')).sort();
const requestNames = fixtureNames.filter((name) => name.endsWith('.request.json'));
const responseNames = fixtureNames.filter((name) => name.endsWith('.response.json'));

interface InvalidCase {
  name: string;
  body: unknown;
  path: (string | number)[];
}
const invalidCases = readJson('invalid-requests.json') as InvalidCase[];

interface Issue {
  code: string;
  path: PropertyKey[];
  errors?: Issue[][];
}

/**
 * The path of the first issue; inside a union without a discriminator (the tools, where a
 * custom tool may omit `type`), the path within the member whose `type` matched.
 */
function firstPath(issues: readonly Issue[]): PropertyKey[] | undefined {
  const first = issues[0];
  if (first?.code !== 'invalid_union' || !first.errors) return first?.path;
  const meant = first.errors.find((branch) => !branch.some((issue) => issue.code === 'invalid_value' && issue.path.join('.') === 'type'));
  const inner = meant && firstPath(meant);
  return inner ? [...first.path, ...inner] : first.path;
}

// The keys of Message, so a fragment of one (a seed that shows only `content`) is checked
// field by field against Message's own schemas.
const messageKeys = Object.keys(zMessage.def.shape) as (keyof typeof zMessage.def.shape)[];

describe('seed fixtures', () => {
  it('finds the seed fixtures', () => {
    expect(requestNames.length).toBeGreaterThanOrEqual(19);
    expect(responseNames).toEqual(['seed-relay-basic.response.json', 'seed-relay-thinking.response.json']);
  });

  it.each(requestNames)('%s is a valid request, kept whole', (name) => {
    const body = readJson(name);
    const schema = name.includes('count-tokens') ? zCountTokensParams : zCreateMessageParams;
    const result = schema.safeParse(body);
    expect(result.error?.issues).toBeUndefined();
    // Equal output means the spec names every field the seed uses: zod would strip the rest.
    expect(result.data).toEqual(body);
  });

  it('checks the count-tokens seed against the count-tokens schema, which needs no max_tokens', () => {
    const body = readJson('seed-python-count-tokens.request.json');
    expect(zCountTokensParams.safeParse(body).success).toBe(true);
    expect(zCreateMessageParams.safeParse(body).error?.issues[0]?.path).toEqual(['max_tokens']);
  });

  it.each(responseNames)('%s is a valid response (or a valid part of one)', (name) => {
    const body = readJson(name) as Record<string, unknown>;
    const keys = Object.keys(body);
    const unknownKeys = keys.filter((key) => !(messageKeys as string[]).includes(key));
    expect(unknownKeys).toEqual([]);
    const isWhole = messageKeys.every((key) => key === 'stop_sequence' || key in body);
    const schema = isWhole
      ? zMessage
      : z.pick(zMessage, Object.fromEntries(keys.map((key) => [key, true])) as Record<keyof typeof zMessage.def.shape, true>);
    const result = schema.safeParse(body);
    expect(result.error?.issues).toBeUndefined();
    expect(result.data).toEqual(body);
  });

  it('reads the basic response as a whole Message with its text and usage', () => {
    const message = zMessage.parse(readJson('seed-relay-basic.response.json'));
    expect(message.content).toEqual([{ type: 'text', text: 'Hello! How can I help you today?' }]);
    expect(message.stop_reason).toBe('end_turn');
    // The relay leaves out stop_sequence; Anthropic always sends it.
    expect(message.stop_sequence).toBeUndefined();
    expect(message.usage).toEqual({ input_tokens: 12, output_tokens: 25 });
  });

  it('reads the thinking fragment as content blocks, a thinking block without a signature first', () => {
    const { content } = readJson('seed-relay-thinking.response.json') as { content: unknown[] };
    const blocks = content.map((block) => zContentBlock.parse(block));
    expect(blocks.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(blocks[0]).toEqual({ type: 'thinking', thinking: 'Let me analyze this step by step...' });
  });

  it('rejects a response missing a required field, naming it', () => {
    const { usage: _usage, ...withoutUsage } = readJson('seed-relay-basic.response.json') as Record<string, unknown>;
    expect(zMessage.safeParse(withoutUsage).error?.issues[0]?.path).toEqual(['usage']);
  });
});

describe('invalid requests', () => {
  it('has enough distinct cases', () => {
    expect(invalidCases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(invalidCases.map((c) => c.name)).size).toBe(invalidCases.length);
  });

  it.each(invalidCases.map((c) => [c.name, c] as const))('rejects %s, naming the path', (_name, c) => {
    const result = zCreateMessageParams.safeParse(c.body);
    expect(result.success).toBe(false);
    expect(result.error && firstPath(result.error.issues)).toEqual(c.path);
  });
});

describe('unknown keys', () => {
  it('are stripped from the parsed output, so the original object is what gets sent', () => {
    const body = {
      model: 'claude-sonnet-4-5-20250929',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'Hi' }],
      future_option: { enabled: true },
    };
    const parsed = zCreateMessageParams.parse(body);
    expect(parsed).toEqual({ model: body.model, max_tokens: 16, messages: body.messages });
    expect('future_option' in parsed).toBe(false);
  });
});
