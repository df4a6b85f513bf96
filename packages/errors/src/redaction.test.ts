import { inspect } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  ParleyError,
  errorFromStatus,
  fromResponse,
  fromStreamError,
  redactHeaders,
  redactSecrets,
} from './index.js';

const API_KEY = 'sk-ant-api03-Q9wErTyUiOpAsDfGhJkL-zXcVbNm0123456789';
const TOKEN = 'r9s_tok_7f3a9c1e5b2d4f6a8c0e';
const PLAIN_KEY = 'relaykey0123456789'; // no recognisable shape: only the request tells us it is secret
const SECRETS = [API_KEY, TOKEN, PLAIN_KEY];

/** Every serialised form of an error and of each link of its cause chain. */
function serialisedForms(error: unknown): string[] {
  const forms: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 10; depth++) {
    forms.push(inspect(current, { depth: Infinity }), inspect(current, { depth: Infinity, customInspect: false, showHidden: true }));
    if (current instanceof Error) forms.push(String(current), current.message, current.stack ?? '');
    forms.push(JSON.stringify(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  const withHeaders = error as { headers?: Headers; request?: { headers: Record<string, string>; url: string } };
  if (withHeaders.headers instanceof Headers) forms.push(JSON.stringify([...withHeaders.headers]));
  if (withHeaders.request) forms.push(JSON.stringify(withHeaders.request.headers), withHeaders.request.url);
  return forms;
}

function expectNoSecret(error: unknown): void {
  for (const form of serialisedForms(error)) {
    for (const secret of SECRETS) expect(form, `a form leaked ${secret.slice(0, 6)}…`).not.toContain(secret);
  }
}

const request = (headers: Record<string, string>) =>
  new Request(`https://relay.example/v1/messages?key=${PLAIN_KEY}`, { method: 'POST', headers });

describe('no secret in any serialised form', () => {
  it('an API error built from a request with x-api-key whose body echoes the key', async () => {
    const response = new Response(
      JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key: ${API_KEY}`, api_key: PLAIN_KEY } }),
      { status: 401, headers: { 'request-id': 'req_1', 'set-cookie': `session=${PLAIN_KEY}` } },
    );
    const error = await fromResponse(response, { request: request({ 'x-api-key': API_KEY, 'x-relay-key': PLAIN_KEY }) });
    expectNoSecret(error);
    expect(error.message).toBe('401 authentication_error: invalid x-api-key: sk-a...(redacted) (request req_1)');
    expect(error.request?.headers['x-api-key']).toBe('sk-a...(redacted)');
    expect(error.headers.get('set-cookie')).toBe('(redacted)');
    expect(error.request?.url).toBe('https://relay.example/v1/messages?key=redacted');
  });

  it('an API error built from a request with Authorization: Bearer', () => {
    const error = errorFromStatus({
      status: 403,
      headers: { 'www-authenticate': `Bearer ${TOKEN}` },
      body: `<html><title>Forbidden: token ${TOKEN} and ${PLAIN_KEY}</title></html>`,
      request: { method: 'POST', url: 'https://relay.example/v1/messages', headers: { Authorization: `Bearer ${TOKEN}`, 'X-Relay-Key': PLAIN_KEY } },
    });
    expectNoSecret(error);
    expect(error.request?.headers.authorization).toBe('Bearer r9s_...(redacted)');
  });

  it('a connection error whose cause chain quotes the header value', () => {
    const inner = Object.assign(new Error(`invalid header value "Bearer ${TOKEN}"`), { code: 'ERR_INVALID_CHAR', headers: { authorization: `Bearer ${TOKEN}` } });
    const error = new APIConnectionError({
      cause: new TypeError('fetch failed', { cause: inner }),
      request: request({ authorization: `Bearer ${TOKEN}`, 'x-api-key': API_KEY }),
    });
    expectNoSecret(error);
    expect(error.message).toBe(
      'Connection error (POST https://relay.example/v1/messages?key=redacted): fetch failed: invalid header value "Bearer r9s_...(redacted)"',
    );
    const cause = error.cause as TypeError;
    expect(cause).toBeInstanceOf(TypeError);
    expect((cause.cause as { code: string }).code).toBe('ERR_INVALID_CHAR');
  });

  it('keeps a clean cause as the very same object', () => {
    const cause = new TypeError('fetch failed');
    expect(new APIConnectionError({ cause, request: request({ 'x-api-key': API_KEY }) }).cause).toBe(cause);
  });

  it('timeouts, aborts, stream errors and plain Parley errors', () => {
    expectNoSecret(new APITimeoutError({ timeoutMs: 5, request: request({ 'x-api-key': API_KEY }), cause: `timer for ${PLAIN_KEY}`, secrets: [PLAIN_KEY] }));
    expectNoSecret(new APIUserAbortError({ cause: new Error(`aborted while sending ${API_KEY}`) }));
    expectNoSecret(fromStreamError({ type: 'error', error: { type: 'api_error', message: `Bearer ${TOKEN}` } }, { request: request({ 'x-api-key': API_KEY }) }));
    expectNoSecret(new ParleyError(`something with ${API_KEY}`, { secrets: [PLAIN_KEY], cause: { note: PLAIN_KEY } }));
  });

  it('gives a useful JSON form', () => {
    const error = errorFromStatus({ status: 529, headers: { 'request-id': 'req_9' }, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'OverloadedError',
      message: '529 overloaded_error: Overloaded (request req_9)',
      status: 529,
      type: 'overloaded_error',
      requestId: 'req_9',
      headers: { 'request-id': 'req_9' },
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    expect(inspect(error)).toContain("type: 'overloaded_error'");
    expect(String(error)).toBe('OverloadedError: 529 overloaded_error: Overloaded (request req_9)');
  });
});

describe('redactHeaders', () => {
  it('masks credentials by name and keeps the rest readable', () => {
    expect(
      redactHeaders(
        new Headers({
          'X-Api-Key': API_KEY,
          Authorization: `Bearer ${TOKEN}`,
          'Proxy-Authorization': 'Basic dXNlcjpwYXNzd29yZA==',
          Cookie: 'a=b',
          'x-goog-api-key': PLAIN_KEY,
          'X-Auth-Token': 'short',
          'anthropic-ratelimit-tokens-remaining': '42',
          'content-type': 'application/json',
        }),
      ),
    ).toEqual({
      'x-api-key': 'sk-a...(redacted)',
      authorization: 'Bearer r9s_...(redacted)',
      'proxy-authorization': 'Basic dXNl...(redacted)',
      cookie: '(redacted)',
      'x-goog-api-key': 'rela...(redacted)',
      'x-auth-token': '(redacted)',
      'anthropic-ratelimit-tokens-remaining': '42',
      'content-type': 'application/json',
    });
  });

  it('reads records and pairs, joining repeated names', () => {
    expect(redactHeaders({ 'X-Api-Key': 'sk-test' })).toEqual({ 'x-api-key': '(redacted)' });
    expect(redactHeaders([['Accept', 'a'], ['accept', 'b']])).toEqual({ accept: 'a, b' });
  });
});

describe('redactSecrets', () => {
  it('masks listed secrets and key-shaped strings', () => {
    expect(redactSecrets(`key ${PLAIN_KEY} rejected`, [PLAIN_KEY])).toBe('key rela...(redacted) rejected');
    expect(redactSecrets(`Authorization: Bearer ${TOKEN}`, [])).toBe('Authorization: Bearer (redacted)');
    expect(redactSecrets(`x-api-key: ${API_KEY}`, [])).toBe('x-api-key: sk-a...(redacted)');
    expect(redactSecrets('input_tokens: 12, model claude-sonnet-4-5', [])).toBe('input_tokens: 12, model claude-sonnet-4-5');
  });

  it('never leaves a listed secret in the text', () => {
    const secret = fc.stringMatching(/^[A-Za-z0-9_-]{8,40}$/);
    fc.assert(
      fc.property(fc.string(), secret, fc.string(), fc.nat(3), (before, key, after, times) => {
        const text = before + `${key}${after}`.repeat(times + 1);
        expect(redactSecrets(text, [key])).not.toContain(key);
      }),
    );
  });
});
