import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import Parley from '../src/index.js';
import { API_KEY, PARAMS, failure, mock, rawServer, recordingLogger } from './helpers.js';

const SECRET_PART = 'TESTKEY';

function everything(value: unknown): string {
  const error = value as Error;
  return [String(value), error.message, error.stack, JSON.stringify(value), inspect(value, { depth: Infinity, showHidden: true })].join('\n');
}

describe('debug logging', () => {
  it('shows method, URL, status, timing and redacted headers, never the key', async () => {
    const server = await mock();
    const logger = recordingLogger();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, logger, logLevel: 'debug' });
    await client.messages.create(PARAMS);
    await client.messages.stream(PARAMS).finalMessage();
    await failure(new Parley({ authToken: API_KEY, baseURL: server.url, logger, logLevel: 'debug' }).messages.create(PARAMS, { headers: { 'x-mock-fault': '{"status":401}' } }));
    const text = logger.lines.map((line) => inspect(line.args, { depth: Infinity })).join('\n');
    expect(text).not.toContain(SECRET_PART);
    expect(text).toContain(`request POST ${server.url}/v1/messages`);
    expect(text).toMatch(/response 200 POST \S+\/v1\/messages in \d+ ms/);
    expect(text).toMatch(/response 401 POST/);
    const first = logger.lines.find((line) => String(line.args[0]).startsWith('[parley] request'));
    const headers = (first?.args[1] as { headers: Record<string, string> }).headers;
    expect(headers['x-api-key']).toBe(`${API_KEY.slice(0, 4)}...(redacted)`);
    expect(headers['anthropic-version']).toBe('2023-06-01');
  });

  it('logs nothing below the level, and nothing at all when off', async () => {
    const server = await mock();
    const quiet = recordingLogger();
    await new Parley({ apiKey: API_KEY, baseURL: server.url, logger: quiet, logLevel: 'off' }).messages.create(PARAMS);
    const warnOnly = recordingLogger();
    await new Parley({ apiKey: API_KEY, baseURL: server.url, logger: warnOnly, logLevel: 'warn' }).messages.create(PARAMS);
    expect(quiet.lines).toEqual([]);
    expect(warnOnly.lines).toEqual([]);
  });

  it('scrubs a key from an apiKey function too', async () => {
    const server = await mock({ faults: [{ status: 500, headers: { 'retry-after-ms': '0' } }] });
    const logger = recordingLogger();
    await new Parley({ apiKey: () => API_KEY, baseURL: server.url, logger, logLevel: 'debug' }).messages.create(PARAMS);
    expect(logger.lines.some((line) => String(line.args[0]).includes('retrying'))).toBe(true);
    expect(logger.lines.map((line) => inspect(line.args, { depth: Infinity })).join('\n')).not.toContain(SECRET_PART);
  });
});

describe('errors', () => {
  it('never contain the key: API errors, stream errors, connection errors, timeouts', async () => {
    const server = await mock({ apiKey: 'sk-ant-another-key-that-differs-000' });
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
    const bearer = new Parley({ authToken: API_KEY, baseURL: server.url, maxRetries: 0 });
    const silent = await rawServer(() => undefined);
    const errors = [
      await failure(client.messages.create(PARAMS)),
      await failure(bearer.messages.stream(PARAMS).finalMessage()),
      await failure(new Parley({ apiKey: API_KEY, baseURL: 'http://127.0.0.1:1', maxRetries: 0 }).messages.create(PARAMS)),
      await failure(new Parley({ authToken: API_KEY, baseURL: silent.url, timeout: 50, maxRetries: 0 }).models.retrieve('x')),
    ];
    expect(errors.map((e) => (e as Error).name)).toEqual(['AuthenticationError', 'AuthenticationError', 'APIConnectionError', 'APITimeoutError']);
    for (const error of errors) expect(everything(error)).not.toContain(SECRET_PART);
  });
});
