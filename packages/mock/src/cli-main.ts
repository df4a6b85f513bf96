// The `parley-mock` command, as a function so it can be tested in-process.
import { parseArgs } from 'node:util';
import { startMockServer } from './server.js';
import { normalizeOrigin, type CorsOption } from './cors.js';
import type { MockServer, MockServerOptions } from './types.js';

const USAGE = `Usage: parley-mock [--port 4010] [--host 127.0.0.1] [--api-key KEY] [--latency MS] [--max-body-bytes N] [--cors ORIGINS]

Serves a deterministic Messages API on http://HOST:PORT until Ctrl-C.
  --port            port to listen on (0 picks a free one; default 4010)
  --host            interface to listen on (default 127.0.0.1)
  --api-key         require this key as x-api-key or Authorization: Bearer
  --latency         delay every response by this many milliseconds
  --max-body-bytes  answer 413 to bodies larger than this (default 32 MiB)
  --cors            web pages allowed to call it: * for any (default), or
                    comma-separated origins (http://localhost:5173,https://app.example)
  --help            show this help`;

/** Where the CLI writes and which signals it listens to (the process, or a test double). */
export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Subscribes to SIGINT/SIGTERM. */
  onSignal: (signal: 'SIGINT' | 'SIGTERM', listener: () => void) => void;
}

/** The running command: its server, and a promise that settles with the exit code. */
export interface CliRun {
  server: MockServer | undefined;
  exitCode: Promise<number>;
}

function number(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} should be a whole number, got '${value}'`);
  return Number(value);
}

/** `--cors`: `*`, or comma-separated origins. */
function origins(value: string): CorsOption {
  if (value.trim() === '*') return '*';
  const list = value.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  if (list.length === 0) throw new Error(`--cors should be * or comma-separated origins, got '${value}'`);
  for (const origin of list) {
    try {
      normalizeOrigin(origin);
    } catch (error) {
      throw new Error(`--cors: ${(error as Error).message}`, { cause: error });
    }
  }
  return list;
}

/** Parses the command line into server options; throws a readable error on a bad flag. */
export function parseCliArgs(argv: string[]): MockServerOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string' },
      latency: { type: 'string' },
      'max-body-bytes': { type: 'string' },
      cors: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const port = number('port', values.port) ?? 4010;
  if (port > 65535) throw new Error(`--port should be at most 65535, got ${port}`);
  return {
    port,
    host: values.host ?? '127.0.0.1',
    ...(values['api-key'] !== undefined ? { apiKey: values['api-key'] } : {}),
    ...(values.latency !== undefined ? { latencyMs: number('latency', values.latency) } : {}),
    ...(values['max-body-bytes'] !== undefined ? { maxBodyBytes: number('max-body-bytes', values['max-body-bytes']) } : {}),
    ...(values.cors !== undefined ? { cors: origins(values.cors) } : {}),
  };
}

/**
 * Runs `parley-mock`: starts the server, prints its URL, stops on SIGINT/SIGTERM.
 *
 * @example
 * const run = await runCli(['--port', '0'], io);
 * const code = await run.exitCode;
 */
export async function runCli(argv: string[], io: CliIO): Promise<CliRun> {
  let options: MockServerOptions | 'help';
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    io.err(`parley-mock: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return { server: undefined, exitCode: Promise.resolve(2) };
  }
  if (options === 'help') {
    io.out(USAGE);
    return { server: undefined, exitCode: Promise.resolve(0) };
  }
  let server: MockServer;
  try {
    server = await startMockServer(options);
  } catch (error) {
    io.err(`parley-mock: could not listen: ${error instanceof Error ? error.message : String(error)}`);
    return { server: undefined, exitCode: Promise.resolve(1) };
  }
  io.out(`parley-mock listening on ${server.url}`);
  if (options.apiKey !== undefined) io.out('Requests to /v1/* need the API key given with --api-key.');
  const exitCode = new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      server.close().then(
        () => { resolve(0); },
        (error: unknown) => {
          io.err(`parley-mock: ${error instanceof Error ? error.message : String(error)}`);
          resolve(1);
        },
      );
    };
    io.onSignal('SIGINT', stop);
    io.onSignal('SIGTERM', stop);
  });
  return { server, exitCode };
}
