// The compiled request checks must accept exactly what the zod schemas accept: a client
// sends what the first says is valid without asking the second, and asks the second to
// explain whatever the first rejects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCountTokensParams, isCreateMessageParams, takeUnknownTypes } from '../src/index.js';
import { zCountTokensParams, zCreateMessageParams } from '../src/generated/zod.gen.js';
import { createRequests, invalidCases, mutatedCreateRequest, readJson, requestNames, withValue } from './seed-requests.js';

const zodAccepts = (value: unknown) => zCreateMessageParams.safeParse(value).success;

describe('compiled request checks', () => {
  it.each(requestNames)('accepts the seed request %s, as the schema does', (name) => {
    const body = readJson(name);
    if (name.includes('count-tokens')) {
      expect(zCountTokensParams.safeParse(body).success).toBe(true);
      expect(isCountTokensParams(body)).toBe(true);
      // It has no max_tokens, which a message request needs.
      expect(isCreateMessageParams(body)).toBe(false);
    } else {
      expect(isCreateMessageParams(body)).toBe(true);
    }
  });

  it.each(invalidCases.map((c) => [c.name, c.body] as const))('rejects %s, as the schema does', (_name, body) => {
    expect(zodAccepts(body)).toBe(false);
    expect(isCreateMessageParams(body)).toBe(false);
  });

  it('accepts unknown fields, which the schemas accept too (and the client sends as given)', () => {
    const base = createRequests[0];
    const extra = withValue(withValue(base, ['newer_field'], { anything: true }), ['messages', 0, 'future'], 1);
    expect(zodAccepts(extra)).toBe(true);
    expect(isCreateMessageParams(extra)).toBe(true);
    const cached = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral', ttl: '1h' } }] }] };
    expect(zodAccepts(cached)).toBe(true);
    expect(isCreateMessageParams(cached)).toBe(true);
  });

  it('bounds integers to the safe range and measures strings in UTF-16 units, as zod does', () => {
    const base = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] };
    for (const body of [{ ...base, max_tokens: 2 ** 53 }, { ...base, max_tokens: 1.5 }, { ...base, model: '' }, { ...base, top_k: -1 }]) {
      expect(zodAccepts(body)).toBe(false);
      expect(isCreateMessageParams(body)).toBe(false);
    }
    for (const body of [{ ...base, max_tokens: 2 ** 53 - 1 }, { ...base, model: '😀' }]) {
      expect(zodAccepts(body)).toBe(true);
      expect(isCreateMessageParams(body)).toBe(true);
    }
  });

  it('agrees with the schema on seed requests with one value replaced or removed anywhere', () => {
    fc.assert(
      fc.property(mutatedCreateRequest, (body) => {
        const valid = isCreateMessageParams(body);
        const unknown = takeUnknownTypes();
        // The only difference allowed: a union member of a `type` the schemas do not know,
        // which the compiled check lets through and names.
        if (valid && !zodAccepts(body)) expect(unknown?.length).toBeGreaterThan(0);
        else expect(valid).toBe(zodAccepts(body));
      }),
      { numRuns: 3_000 },
    );
  });
});

describe('members of a type newer than the spec', () => {
  const base = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'hi' }] };

  it('pass, and are named with their path, in every kind of union', () => {
    const body = {
      ...base,
      tools: [{ name: 'a', input_schema: { type: 'object' } }, { type: 'teleport_20990101', name: 'teleport' }],
      thinking: { type: 'dreaming' },
      tool_choice: { type: 'maybe' },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'hologram' },
            { type: 'image', source: { type: 'telepathy' } },
            { type: 'document', source: { type: 'scroll' } },
            { type: 'text', text: 'x', citations: [{ type: 'video_location' }] },
            { type: 'tool_result', tool_use_id: 't', content: [{ type: 'smell' }] },
          ],
        },
      ],
    };
    expect(isCreateMessageParams(body)).toBe(true);
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    expect(takeUnknownTypes()?.sort(byPath)).toEqual([
      { path: '/tools/1', type: 'teleport_20990101' },
      { path: '/messages/0/content/0', type: 'hologram' },
      { path: '/messages/0/content/1/source', type: 'telepathy' },
      { path: '/messages/0/content/2/source', type: 'scroll' },
      { path: '/messages/0/content/3/citations/0', type: 'video_location' },
      { path: '/messages/0/content/4/content/0', type: 'smell' },
      { path: '/tool_choice', type: 'maybe' },
      { path: '/thinking', type: 'dreaming' },
    ].sort(byPath));
    // Taken once: the next check starts afresh.
    expect(takeUnknownTypes()).toBeUndefined();
    expect(isCreateMessageParams(base)).toBe(true);
    expect(takeUnknownTypes()).toBeUndefined();
  });

  it('do not hide a wrong value of a known shape', () => {
    for (const body of [
      { ...base, max_tokens: -1, thinking: { type: 'dreaming' } },
      { ...base, messages: [{ role: 'user', content: [{ type: 'hologram' }, { type: 'text' }] }] },
      { ...base, messages: [{ role: 'oracle', content: 'hi' }] },
      { ...base, tools: [{ type: 'web_search_20250305', name: 'search' }] },
      { ...base, tools: [{ type: 7, name: 'a', input_schema: { type: 'object' } }] },
      { ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'x' } }] }] },
    ]) {
      expect(isCreateMessageParams(body), JSON.stringify(body)).toBe(false);
    }
  });
});
