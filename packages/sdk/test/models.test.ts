import { NotFoundError, RequestValidationError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import Parley from '../src/index.js';
import { API_KEY, failure, mock } from './helpers.js';

async function setup() {
  const server = await mock();
  return { server, client: new Parley({ apiKey: API_KEY, baseURL: server.url }) };
}

describe('models', () => {
  it('iterates every model across pages, following after_id', async () => {
    const { client, server } = await setup();
    const all = (await client.models.page({ limit: 100 })).data.map((model) => model.id);
    server.reset();
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 3 })) ids.push(model.id);
    expect(ids).toEqual(all);
    expect(all.length).toBeGreaterThan(3);
    const paths = server.requests.map((r) => r.path);
    expect(paths[0]).toBe('/v1/models?limit=3');
    expect(paths[1]).toBe(`/v1/models?limit=3&after_id=${all[2] ?? ''}`);
    expect(paths).toHaveLength(Math.ceil(all.length / 3));
  });

  it('walks backwards when the listing starts with before_id', async () => {
    const { client } = await setup();
    const all = (await client.models.page({ limit: 100 })).data.map((model) => model.id);
    const last = all.at(-1) ?? '';
    const ids: string[] = [];
    for await (const page of client.models.list({ limit: 2, before_id: last }).pages()) ids.unshift(...page.data.map((model) => model.id));
    expect(ids).toEqual(all.slice(0, -1));
  });

  it('gives the first page when awaited, fetched once', async () => {
    const { client, server } = await setup();
    const list = client.models.list({ limit: 2 });
    const page = await list;
    const { requestId } = await list.firstPage().withResponse();
    expect(page.data).toHaveLength(2);
    expect(page.has_more).toBe(true);
    expect(page.last_id).toBe(page.data[1]?.id);
    expect(requestId).toMatch(/^req_/);
    expect(server.requests).toHaveLength(1);
  });

  it('retrieves a model by alias, and fails with NotFoundError for an unknown one', async () => {
    const { client } = await setup();
    const model = await client.models.retrieve('claude-sonnet-4-5');
    expect(model.id).toMatch(/^claude-sonnet-4-5-\d{8}$/);
    const error = await failure(client.models.retrieve('no-such-model'));
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect((error as NotFoundError).status).toBe(404);
  });

  it('rejects an empty model id without sending', async () => {
    const { client, server } = await setup();
    const error = await failure(client.models.retrieve(''));
    expect(RequestValidationError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });
});
