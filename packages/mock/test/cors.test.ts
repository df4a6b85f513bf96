// Cross-origin access over real HTTP: preflights, the headers a page may read, and
// origins that are refused. (A real browser checks the same in the runtime tests.)
import { afterEach, describe, expect, it } from 'vitest';
import { parseCliArgs, runCli, type CliIO } from '../src/cli-main.js';
import { startMockServer } from '../src/index.js';
import type { MockServer } from '../src/index.js';
import { fault, messageBody, postJSON } from './helpers.js';

const servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Parameters<typeof startMockServer>[0] = {}): Promise<MockServer> {
  const server = await startMockServer(options);
  servers.push(server);
  return server;
}

/** What a browser sends before a POST carrying Parley's headers from a web page. */
function preflight(url: string, origin: string, headers = 'content-type, x-api-key, anthropic-version, anthropic-dangerous-direct-browser-access, x-parley-client, x-parley-retry-count'): Promise<Response> {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': headers },
  });
}

function list(value: string | null): string[] {
  return (value ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean);
}

describe('cors', () => {
  it('answers a preflight from any origin by default, with every header a client sends', async () => {
    const server = await start();
    const response = await preflight(`${server.url}/v1/messages`, 'http://localhost:5173');
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(list(response.headers.get('access-control-allow-methods'))).toEqual(expect.arrayContaining(['get', 'post', 'delete']));
    expect(list(response.headers.get('access-control-allow-headers'))).toEqual(
      expect.arrayContaining([
        'content-type',
        'x-api-key',
        'authorization',
        'anthropic-version',
        'anthropic-beta',
        'anthropic-dangerous-direct-browser-access',
        'x-parley-client',
        'x-parley-retry-count',
        'x-stainless-retry-count',
        'x-mock-fault',
      ]),
    );
    expect(response.headers.get('vary')).toMatch(/origin/i);
    // A preflight is not an API request: not recorded, and it does not use up a scripted fault.
    expect(server.requests).toEqual([]);
  });

  it('lets a page read the request id and the retry headers', async () => {
    const server = await start();
    const ok = await postJSON(`${server.url}/v1/messages`, messageBody(), { origin: 'http://page.test' });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://page.test');
    expect(list(ok.headers.get('access-control-expose-headers'))).toEqual(expect.arrayContaining(['request-id', 'retry-after', 'retry-after-ms']));
    // Errors carry them too, or a page could not read a 529's retry-after.
    const overloaded = await postJSON(`${server.url}/v1/messages`, messageBody(), { origin: 'http://page.test', ...fault({ status: 529, headers: { 'retry-after': '0' } }) });
    expect(overloaded.status).toBe(529);
    expect(overloaded.headers.get('access-control-allow-origin')).toBe('http://page.test');
  });

  it('does not count a preflight as a request of the fault script', async () => {
    const server = await start({ faults: [{ status: 529 }] });
    expect((await preflight(`${server.url}/v1/messages`, 'http://page.test')).status).toBe(204);
    expect((await postJSON(`${server.url}/v1/messages`, messageBody(), { origin: 'http://page.test' })).status).toBe(529);
  });

  it('serves only the listed origins when given a list', async () => {
    const server = await start({ cors: ['http://a', 'https://app.example:8443'] });
    const allowed = await preflight(`${server.url}/v1/messages`, 'http://a');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://a');
    expect((await preflight(`${server.url}/v1/models`, 'https://app.example:8443')).headers.get('access-control-allow-origin')).toBe('https://app.example:8443');

    const refused = await preflight(`${server.url}/v1/messages`, 'http://b');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(await refused.text()).toContain('http://b');
    // A request sent anyway is answered, but without the header a browser needs to hand it to the page.
    const simple = await fetch(`${server.url}/v1/models`, { headers: { origin: 'http://b' } });
    expect(simple.status).toBe(200);
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    expect(simple.headers.get('access-control-expose-headers')).toBeNull();
  });

  it('adds nothing to requests without an origin (not from a web page)', async () => {
    const server = await start();
    const response = await postJSON(`${server.url}/v1/messages`, messageBody());
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('leaves an OPTIONS that is not a preflight to the API (405)', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/v1/messages`, { method: 'OPTIONS' });
    expect(response.status).toBe(405);
  });

  it('refuses a list entry that is not an origin, saying which', async () => {
    await expect(startMockServer({ cors: ['http://a/path'] })).rejects.toThrow("cors: 'http://a/path' is not an origin");
    await expect(startMockServer({ cors: ['localhost:5173'] })).rejects.toThrow(/'localhost:5173' is not an origin/);
    await expect(startMockServer({ cors: 'http://a' as never })).rejects.toThrow(/cors should be '\*' or a list of origins/);
  });
});

describe('parley-mock --cors', () => {
  it('reads * and comma-separated origins', () => {
    expect(parseCliArgs(['--cors', '*'])).toMatchObject({ cors: '*' });
    expect(parseCliArgs(['--cors', 'http://a, https://b.example'])).toMatchObject({ cors: ['http://a', 'https://b.example'] });
    expect(() => parseCliArgs(['--cors', 'http://a,nope'])).toThrow("--cors: 'nope' is not an origin");
    expect(() => parseCliArgs(['--cors', ','])).toThrow(/--cors should be \*/);
  });

  it('restricts the running server', async () => {
    const out: string[] = [];
    let stop = (): void => undefined;
    const io: CliIO = { out: (line) => out.push(line), err: () => undefined, onSignal: (signal, listener) => { if (signal === 'SIGTERM') stop = listener; } };
    const run = await runCli(['--port', '0', '--cors', 'http://a'], io);
    const url = run.server?.url ?? '';
    expect((await preflight(`${url}/v1/messages`, 'http://a')).headers.get('access-control-allow-origin')).toBe('http://a');
    expect((await preflight(`${url}/v1/messages`, 'http://b')).status).toBe(403);
    stop();
    expect(await run.exitCode).toBe(0);
  });
});
