// Today's Messages API through default validation: every request the official types
// accept is sent, unchanged, and the mock answers it; every wrong value of a known shape
// is refused before anything is sent, naming its path; a `type` newer than this version
// passes with one warning.
import { RequestValidationError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import { Parley } from '../src/index.js';
import { INVALID_REQUESTS } from './fixtures/invalid-requests.js';
import { VALID_BETA, VALID_COUNT_TOKENS, VALID_REQUESTS, VALID_SAMPLING } from './fixtures/valid-requests.js';
import { API_KEY, MODEL, failure, messageBody, mock, rawServer, recordingLogger } from './helpers.js';

type Params = Parameters<Parley['messages']['create']>[0] & { stream?: false };
const CREATE = [...VALID_REQUESTS, ...VALID_SAMPLING, ...VALID_BETA] as unknown as readonly { name: string; params: Params }[];
const COUNT = VALID_COUNT_TOKENS as unknown as readonly { name: string; params: Parameters<Parley['messages']['countTokens']>[0] }[];

/** A server that answers every request with a fixed reply and keeps what it received. */
async function acceptAll() {
  return rawServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url?.endsWith('/count_tokens') ? '{"input_tokens":1}' : messageBody());
  });
}

describe('every request of today\'s API is sent', () => {
  it('has a corpus large enough to mean something', () => {
    expect(CREATE.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CREATE.map((c) => c.name)).size).toBe(CREATE.length);
  });

  it('sends each one unchanged to a server that accepts anything', async () => {
    const server = await acceptAll();
    const logger = recordingLogger();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, logger, maxRetries: 0 });
    const refused: string[] = [];
    for (const { name, params } of CREATE) {
      try {
        await client.messages.create(params);
      } catch (error) {
        refused.push(`${name}: ${String(error)}`);
      }
    }
    for (const { name, params } of COUNT) {
      try {
        await client.messages.countTokens(params);
      } catch (error) {
        refused.push(`${name}: ${String(error)}`);
      }
    }
    expect(refused).toEqual([]);
    expect(server.hits.map((hit) => JSON.parse(hit.body) as unknown)).toEqual([...CREATE, ...COUNT].map((c) => c.params));
    // Nothing in the corpus is unknown to this version.
    expect(logger.lines.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('gets a 200 from the mock for each one, streamed too', async () => {
    const server = await mock();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
    const failed: string[] = [];
    for (const { name, params } of CREATE) {
      const { response } = await client.messages.create(params).withResponse().catch((error: unknown) => {
        failed.push(`${name}: ${String(error)}`);
        return { response: undefined };
      });
      if (response !== undefined && response.status !== 200) failed.push(`${name}: ${response.status}`);
    }
    for (const { name, params } of CREATE.slice(0, 20)) {
      const { stream: _whole, ...streamed } = params;
      await client.messages
        .stream(streamed)
        .finalMessage()
        .catch((error: unknown) => failed.push(`${name} (stream): ${String(error)}`));
    }
    for (const { name, params } of COUNT) {
      const counted = await client.messages.countTokens(params).catch((error: unknown) => {
        failed.push(`${name}: ${String(error)}`);
        return { input_tokens: -1 };
      });
      expect(counted.input_tokens, name).toBeGreaterThan(0);
    }
    expect(failed).toEqual([]);
  });
});

describe('a wrong value of a known shape is refused before it is sent', () => {
  it('has at least 30 of them', () => {
    expect(INVALID_REQUESTS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(INVALID_REQUESTS.map((c) => [c.name, c] as const))('%s', async (_name, { params, path }) => {
    const server = await acceptAll();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
    const error = await failure(client.messages.create(params as Params));
    expect(RequestValidationError.isInstance(error), String(error)).toBe(true);
    expect((error as RequestValidationError).path).toEqual(path);
    const shown = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('').replace(/^\./, '');
    expect((error as Error).message).toContain(`Invalid request at ${shown}:`);
    expect(server.hits).toEqual([]);
  });
});

describe('a type newer than this version', () => {
  const future = {
    model: MODEL,
    max_tokens: 64,
    tools: [
      { type: 'web_search_20991231', name: 'web_search', future_option: true },
      { name: 'get_weather', input_schema: { type: 'object' } },
    ],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'hologram', data: 'x' },
          { type: 'image', source: { type: 'telepathy', id: 'img_1' } },
          { type: 'text', text: 'Hi', citations: [{ type: 'video_location', cited_text: 'x', start_second: 1 }] },
        ],
      },
    ],
    thinking: { type: 'lucid', depth: 3 },
  };

  it('is sent unchanged, with one warning per type naming it and its path', async () => {
    const server = await acceptAll();
    const logger = recordingLogger();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, logger, maxRetries: 0 });
    await client.messages.create(future as unknown as Params);
    await client.messages.create(future as unknown as Params);
    expect(server.hits.map((hit) => JSON.parse(hit.body) as unknown)).toEqual([future, future]);
    const warnings = logger.lines.filter((line) => line.level === 'warn').map((line) => String(line.args[0]));
    expect(warnings).toHaveLength(5);
    for (const [path, type] of [
      ['tools.0', 'web_search_20991231'],
      ['messages.0.content.0', 'hologram'],
      ['messages.0.content.1.source', 'telepathy'],
      ['messages.0.content.2.citations.0', 'video_location'],
      ['thinking', 'lucid'],
    ]) {
      expect(warnings.filter((line) => line.includes(`${path}: type '${type}'`)), `${path} ${type}`).toHaveLength(1);
    }
    // Another client warns again: the warnings are per client.
    const other = recordingLogger();
    await new Parley({ apiKey: API_KEY, baseURL: server.url, logger: other, maxRetries: 0 }).messages.create(future as unknown as Params);
    expect(other.lines.filter((line) => line.level === 'warn')).toHaveLength(5);
  });

  it('does not hide a wrong known value elsewhere in the request', async () => {
    const server = await acceptAll();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, logger: recordingLogger(), maxRetries: 0 });
    const error = await failure(client.messages.create({ ...future, max_tokens: -5 } as unknown as Params));
    expect((error as RequestValidationError).path).toEqual(['max_tokens']);
    expect(server.hits).toEqual([]);
  });

  it('is answered by the mock too', async () => {
    const server = await mock();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, logger: recordingLogger(), maxRetries: 0 });
    const message = await client.messages.create(future as unknown as Params);
    expect(message.type).toBe('message');
  });
});
