import { describe, expect, it } from 'vitest';
import Parley, { VERSION } from '../src/index.js';
import { API_KEY, PARAMS, messageBody, mock, rawServer } from './helpers.js';

describe('request headers', () => {
  it('sends the key as x-api-key, with anthropic-version, identification and a JSON content type', async () => {
    const server = await mock();
    await new Parley({ apiKey: API_KEY, baseURL: server.url }).messages.create(PARAMS);
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['x-api-key']).toBe(API_KEY);
    expect(headers.authorization).toBeUndefined();
    expect(headers['anthropic-version']).toBe('2023-06-01');
    expect(headers['x-parley-client']).toBe(`parley-ts/${VERSION}`);
    expect(headers['user-agent']).toBe(`parley-ts/${VERSION}`);
    expect(headers['content-type']).toBe('application/json');
    expect(headers['x-parley-retry-count']).toBe('0');
  });

  it('sends authToken as Authorization: Bearer, and both headers when both are given', async () => {
    const server = await mock();
    await new Parley({ authToken: API_KEY, baseURL: server.url }).messages.create(PARAMS);
    await new Parley({ apiKey: API_KEY, authToken: API_KEY, baseURL: server.url }).messages.create(PARAMS);
    expect(server.requests.map((r) => [r.headers['x-api-key'], r.headers.authorization])).toEqual([
      [undefined, `Bearer ${API_KEY}`],
      [API_KEY, `Bearer ${API_KEY}`],
    ]);
  });

  it('calls an apiKey function before every request', async () => {
    const server = await mock({ apiKey: undefined });
    let calls = 0;
    const client = new Parley({ baseURL: server.url, apiKey: async () => `sk-rotated-${++calls}` });
    await client.messages.create(PARAMS);
    await client.models.retrieve('claude-sonnet-4-5');
    expect(server.requests.map((r) => r.headers['x-api-key'])).toEqual(['sk-rotated-1', 'sk-rotated-2']);
  });

  it('rejects a call whose apiKey function returns nothing usable, without sending', async () => {
    const server = await mock();
    const client = new Parley({ baseURL: server.url, apiKey: () => '' });
    await expect(client.messages.create(PARAMS)).rejects.toThrow(/apiKey function must return a non-empty string/);
    expect(server.requests).toHaveLength(0);
  });

  it('merges anthropicVersion, defaultHeaders (null removes) and per-call headers', async () => {
    const server = await mock();
    const client = new Parley({
      apiKey: API_KEY,
      baseURL: server.url,
      anthropicVersion: '2099-01-01',
      defaultHeaders: { 'X-Team': 'search', 'user-agent': null },
    });
    await client.messages.create(PARAMS, { headers: { 'anthropic-beta': 'tools-2099', 'x-team': null, 'x-call': 'one' } });
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['anthropic-version']).toBe('2099-01-01');
    expect(headers['anthropic-beta']).toBe('tools-2099');
    expect(headers['x-call']).toBe('one');
    expect(headers['x-team']).toBeUndefined();
    expect(headers['user-agent'] ?? '').not.toContain('parley-ts');
  });
});

describe('base URL', () => {
  for (const suffix of ['', '/', '/v1', '/v1/']) {
    it(`reaches /v1/messages from a base URL ending in '${suffix}'`, async () => {
      const server = await mock();
      const client = new Parley({ apiKey: API_KEY, baseURL: `${server.url}${suffix}` });
      const message = await client.messages.create(PARAMS);
      expect(message.type).toBe('message');
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/messages']);
    });
  }

  it('keeps a relay path prefix, for every endpoint', async () => {
    const relay = await rawServer((_req, res, hit) => {
      const body = hit.path.includes('count_tokens')
        ? '{"input_tokens":7}'
        : hit.path.includes('/models')
          ? '{"data":[],"has_more":false,"first_id":null,"last_id":null}'
          : messageBody();
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    const client = new Parley({ authToken: 'relay-token-123456', baseURL: `${relay.url}/api/anthropic/` });
    await client.messages.create(PARAMS);
    await client.messages.countTokens({ model: PARAMS.model, messages: PARAMS.messages });
    await client.models.page({ limit: 2 });
    expect(relay.hits.map((hit) => `${hit.method} ${hit.path}`)).toEqual([
      'POST /api/anthropic/v1/messages',
      'POST /api/anthropic/v1/messages/count_tokens',
      'GET /api/anthropic/v1/models?limit=2',
    ]);
    expect(relay.hits[0]?.headers.authorization).toBe('Bearer relay-token-123456');
  });
});
