// Relays and proxies that do not answer exactly like Anthropic.
import { AuthenticationError, InternalServerError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import Parley from '../src/index.js';
import { PARAMS, failure, messageBody, rawServer } from './helpers.js';

describe('relay compatibility', () => {
  it('maps an OpenAI-shaped error body by status, keeping code and x-request-id', async () => {
    const relay = await rawServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json', 'x-request-id': 'relay-req-1' });
      res.end(JSON.stringify({ error: { message: 'Invalid token', type: 'invalid_request_error', code: 'invalid_api_key' } }));
    });
    const error = await failure(new Parley({ authToken: 'relay-token-abcdef', baseURL: relay.url }).messages.create(PARAMS));
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect((error as AuthenticationError).requestId).toBe('relay-req-1');
    expect((error as AuthenticationError).code).toBe('invalid_api_key');
    expect((error as Error).message).toContain('Invalid token');
    expect(relay.hits).toHaveLength(1);
  });

  it('turns a proxy HTML 502 into an InternalServerError with an excerpt', async () => {
    const proxy = await rawServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' }).end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
    });
    const error = await failure(new Parley({ apiKey: null, baseURL: proxy.url, maxRetries: 0 }).messages.create(PARAMS));
    expect(InternalServerError.isInstance(error)).toBe(true);
    expect((error as InternalServerError).status).toBe(502);
    expect((error as Error).message).toContain('502 Bad Gateway');
  });

  it('reads the request id from x-request-id when request-id is absent', async () => {
    const relay = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'relay-req-2' }).end(messageBody());
    });
    const { requestId } = await new Parley({ apiKey: null, baseURL: relay.url }).messages.create(PARAMS).withResponse();
    expect(requestId).toBe('relay-req-2');
  });

  it('rejects a 200 whose body is not JSON with an APIError keeping an excerpt', async () => {
    const odd = await rawServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('maintenance page');
    });
    const error = await failure(new Parley({ apiKey: null, baseURL: odd.url }).messages.create(PARAMS));
    expect((error as Error).message).toContain('maintenance page');
    expect(odd.hits).toHaveLength(1);
  });
});
