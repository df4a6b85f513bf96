import { inspect } from 'node:util';
import { ParleyError } from '@parley/errors';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Parley, { Parley as NamedParley } from '../src/index.js';
import { API_KEY, PARAMS, mock } from './helpers.js';

const ENV_NAMES = ['PARLEY_API_KEY', 'ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'ANTHROPIC_BASE_URL', 'PARLEY_LOG'];

beforeEach(() => {
  for (const name of ENV_NAMES) vi.stubEnv(name, undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('new Parley()', () => {
  it('is the default and the named export', () => {
    expect(Parley).toBe(NamedParley);
  });

  it('names both options and the environment variables when no credential is set', () => {
    let error: unknown;
    try {
      new Parley();
    } catch (caught) {
      error = caught;
    }
    expect(ParleyError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    for (const name of ['apiKey', 'authToken', 'ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN', 'PARLEY_API_KEY']) expect(message).toContain(name);
  });

  it('reads PARLEY_API_KEY before ANTHROPIC_API_KEY, and the base URL from ANTHROPIC_BASE_URL', async () => {
    const server = await mock();
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-wrong-key-000000000000');
    vi.stubEnv('PARLEY_API_KEY', API_KEY);
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
    const client = new Parley();
    expect(client.baseURL).toBe(`${server.url}/v1`);
    await client.messages.create(PARAMS);
    expect(server.requests[0]?.headers['x-api-key']).toBe(API_KEY);
  });

  it('falls back to ANTHROPIC_API_KEY, and sends ANTHROPIC_AUTH_TOKEN as a bearer token', async () => {
    const server = await mock();
    vi.stubEnv('ANTHROPIC_BASE_URL', server.url);
    vi.stubEnv('ANTHROPIC_API_KEY', API_KEY);
    await new Parley().messages.countTokens({ model: PARAMS.model, messages: PARAMS.messages });
    vi.stubEnv('ANTHROPIC_API_KEY', undefined);
    vi.stubEnv('ANTHROPIC_AUTH_TOKEN', API_KEY);
    await new Parley().messages.countTokens({ model: PARAMS.model, messages: PARAMS.messages });
    expect(server.requests.map((r) => [r.headers['x-api-key'], r.headers.authorization])).toEqual([
      [API_KEY, undefined],
      [undefined, `Bearer ${API_KEY}`],
    ]);
  });

  it('does not add an environment key to an explicit authToken', async () => {
    const server = await mock();
    vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-env-key-must-stay-home-0000');
    await new Parley({ baseURL: server.url, authToken: API_KEY }).messages.create(PARAMS);
    expect(server.requests[0]?.headers['x-api-key']).toBeUndefined();
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('accepts apiKey: null for servers without auth, sending no credential', async () => {
    const server = await mock({ apiKey: undefined });
    await new Parley({ baseURL: server.url, apiKey: null }).messages.create(PARAMS);
    expect(server.requests[0]?.headers['x-api-key']).toBeUndefined();
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('reads PARLEY_LOG as the log level', () => {
    vi.stubEnv('PARLEY_LOG', 'debug');
    const lines: string[] = [];
    const logger = { debug: (m: string) => lines.push(m), info: () => {}, warn: () => {}, error: () => {} };
    const client = new Parley({ apiKey: API_KEY, logger, baseURL: 'http://127.0.0.1:9' });
    expect(client.baseURL).toBe('http://127.0.0.1:9/v1');
    void client.messages.create(PARAMS, { maxRetries: 0, validate: false }).catch(() => undefined);
    return vi.waitFor(() => {
      expect(lines.some((line) => line.includes('request POST http://127.0.0.1:9/v1/messages'))).toBe(true);
    });
  });

  it('rejects unknown and impossible options, naming them', () => {
    expect(() => new Parley({ apiKey: API_KEY, baseUrl: 'https://x' } as never)).toThrow(/unknown option `baseUrl` \(did you mean `baseURL`\?\)/);
    expect(() => new Parley({ apiKey: API_KEY, timeout: -1 })).toThrow(/`timeout` must be a number >= 0, got -1/);
    expect(() => new Parley({ apiKey: API_KEY, maxRetries: 1.5 })).toThrow(/`maxRetries` must be an integer >= 0/);
    expect(() => new Parley({ apiKey: API_KEY, logLevel: 'verbose' as never })).toThrow(/`logLevel` must be/);
    expect(() => new Parley({ apiKey: API_KEY, baseURL: 'ftp://host' })).toThrow(/http or https/);
    expect(() => new Parley({ apiKey: API_KEY, baseURL: 'not a url' })).toThrow(/absolute http\(s\) URL/);
  });

  it('rejects unknown per-call options', async () => {
    const client = new Parley({ apiKey: API_KEY, baseURL: 'http://127.0.0.1:9' });
    await expect(client.messages.create(PARAMS, { timeOut: 5 } as never)).rejects.toThrow(/unknown option `timeOut` \(did you mean `timeout`\?\)/);
  });

  it('exposes its settings but never its credentials', () => {
    const client = new Parley({ apiKey: API_KEY, authToken: `${API_KEY}-token`, baseURL: 'https://relay.example/api/anthropic/' });
    expect(client.baseURL).toBe('https://relay.example/api/anthropic/v1');
    expect(client.timeout).toBe(600_000);
    expect(client.maxRetries).toBe(2);
    const shown = [inspect(client, { depth: Infinity, showHidden: true }), JSON.stringify(client), inspect(client.messages, { depth: Infinity }), inspect(client.models, { showHidden: true })];
    for (const text of shown) expect(text).not.toContain('TESTKEY');
    expect(JSON.parse(JSON.stringify(client))).toEqual({ baseURL: 'https://relay.example/api/anthropic/v1', timeout: 600_000, maxRetries: 2, auth: 'x-api-key+bearer' });
  });
});

describe('in a browser', () => {
  const scope = globalThis as { window?: unknown; document?: unknown };

  afterEach(() => {
    delete scope.window;
    delete scope.document;
  });

  it('refuses to start unless dangerouslyAllowBrowser is set', () => {
    scope.window = {};
    scope.document = {};
    expect(() => new Parley({ apiKey: API_KEY })).toThrow(/dangerouslyAllowBrowser/);
  });

  it('starts with dangerouslyAllowBrowser, without a user-agent and with the browser access header', async () => {
    const server = await mock();
    scope.window = {};
    scope.document = {};
    await new Parley({ apiKey: API_KEY, baseURL: server.url, dangerouslyAllowBrowser: true }).messages.create(PARAMS);
    const headers = server.requests[0]?.headers ?? {};
    expect(headers['x-parley-client']).toMatch(/^parley-ts\/\d+\.\d+\.\d+/);
    expect(headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    // Node's fetch adds its own user-agent ("node") when none is given; ours must not be it.
    expect(headers['user-agent'] ?? '').not.toContain('parley-ts');
  });
});
