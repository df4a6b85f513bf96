import { APIError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import Parley from '../src/index.js';
import { API_KEY, PARAMS, failure, messageBody, rawServer } from './helpers.js';

describe('redirects', () => {
  it('never follows a redirect to another origin with the credentials', async () => {
    const elsewhere = await rawServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(messageBody()));
    const base = await rawServer((_req, res) => res.writeHead(307, { location: `${elsewhere.url}/v1/messages` }).end());
    for (const auth of [{ apiKey: API_KEY }, { authToken: API_KEY }]) {
      const client = new Parley({ ...auth, baseURL: base.url });
      const error = await failure(client.messages.create(PARAMS));
      expect(APIError.isInstance(error)).toBe(true);
      expect((error as APIError).status).toBe(307);
      expect((error as Error).message).toContain('another origin');
    }
    expect(base.hits).toHaveLength(2);
    expect(elsewhere.hits).toHaveLength(0);
  });

  it('follows a redirect within the same origin, keeping method, body and credentials', async () => {
    const server = await rawServer((_req, res, hit) => {
      if (hit.path === '/v1/messages') res.writeHead(308, { location: '/moved/v1/messages' }).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(messageBody('moved'));
    });
    const message = await new Parley({ apiKey: API_KEY, baseURL: server.url }).messages.create(PARAMS);
    expect(message.content[0]).toEqual({ type: 'text', text: 'moved' });
    expect(server.hits.map((hit) => `${hit.method} ${hit.path}`)).toEqual(['POST /v1/messages', 'POST /moved/v1/messages']);
    expect(server.hits[1]?.headers['x-api-key']).toBe(API_KEY);
    expect(JSON.parse(server.hits[1]?.body ?? '{}')).toEqual(PARAMS);
  });
});
