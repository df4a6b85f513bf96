// The parley-mock command, run in-process with a stand-in for the process's signals.
import { describe, expect, it } from 'vitest';
import { parseCliArgs, runCli, type CliIO } from '../src/cli-main.js';
import { messageBody, postJSON } from './helpers.js';

function fakeIO() {
  const out: string[] = [];
  const err: string[] = [];
  const listeners = new Map<string, () => void>();
  const io: CliIO = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    onSignal: (signal, listener) => listeners.set(signal, listener),
  };
  return { io, out, err, send: (signal: string) => listeners.get(signal)?.() };
}

describe('parley-mock', () => {
  it('prints the URL, serves, and stops cleanly on SIGTERM', async () => {
    const { io, out, send } = fakeIO();
    const run = await runCli(['--port', '0', '--api-key', 'sk-cli-secret'], io);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(out[0] ?? '')?.[1];
    expect(url).toBe(run.server?.url);
    expect(out.join('\n')).not.toContain('sk-cli-secret');
    expect((await postJSON(`${url}/v1/messages`, messageBody(), { 'x-api-key': 'sk-cli-secret' })).status).toBe(200);
    expect((await postJSON(`${url}/v1/messages`, messageBody())).status).toBe(401);
    send('SIGTERM');
    expect(await run.exitCode).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow(TypeError);
  });

  it('stops on SIGINT too', async () => {
    const { io, send } = fakeIO();
    const run = await runCli(['--port', '0'], io);
    send('SIGINT');
    expect(await run.exitCode).toBe(0);
  });

  it('reads every flag', () => {
    expect(parseCliArgs(['--port', '4011', '--host', '0.0.0.0', '--api-key', 'k', '--latency', '25', '--max-body-bytes', '1000'])).toEqual({
      port: 4011,
      host: '0.0.0.0',
      apiKey: 'k',
      latencyMs: 25,
      maxBodyBytes: 1000,
    });
    expect(parseCliArgs([])).toEqual({ port: 4010, host: '127.0.0.1' });
  });

  it('exits 2 with a readable message on a bad flag', async () => {
    for (const argv of [['--port', 'abc'], ['--latency', '-5'], ['--bogus'], ['--port', '70000']]) {
      const { io, err } = fakeIO();
      const run = await runCli(argv, io);
      expect(await run.exitCode).toBe(2);
      expect(err[0]).toMatch(/^parley-mock: /);
      expect(err[0]).toContain('Usage: parley-mock');
    }
  });

  it('prints help', async () => {
    const { io, out } = fakeIO();
    const run = await runCli(['--help'], io);
    expect(await run.exitCode).toBe(0);
    expect(out[0]).toContain('--latency');
  });
});
