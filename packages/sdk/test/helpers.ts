// Shared test fixtures: a mock per test, small raw HTTP servers, a recording logger.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer, type MockServer, type MockServerOptions } from '@parley/mock';
import { afterEach } from 'vitest';
import type { Logger } from '../src/index.js';

export const API_KEY = 'sk-ant-api03-TESTKEY-abcdefghijklmnop-0123456789';
export const MODEL = 'claude-sonnet-4-5';
export const PARAMS = { model: MODEL, max_tokens: 64, messages: [{ role: 'user' as const, content: 'Hello there' }] };

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A mock server closed after the test. */
export async function mock(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer({ apiKey: API_KEY, ...options });
  cleanups.push(() => server.close());
  return server;
}

/** A request as a raw server saw it. */
export interface Hit {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A plain node:http server on 127.0.0.1, closed after the test, recording every request. */
export async function rawServer(handle: (req: IncomingMessage, res: ServerResponse, hit: Hit) => void): Promise<{ url: string; hits: Hit[] }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const hit = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      hits.push(hit);
      handle(req, res, hit);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

/** A valid Message body, for raw servers. */
export function messageBody(text = 'Hi'): string {
  return JSON.stringify({
    id: 'msg_raw',
    type: 'message',
    role: 'assistant',
    model: MODEL,
    content: [{ type: 'text', text }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 3, output_tokens: 1 },
  });
}

/** A console-like logger that keeps every call. */
export function recordingLogger(): Logger & { lines: { level: string; args: unknown[] }[] } {
  const lines: { level: string; args: unknown[] }[] = [];
  const at = (level: string) => (...args: unknown[]) => lines.push({ level, args });
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** The settled outcome of a promise, so tests can assert on a rejection's value. */
export async function failure(promise: PromiseLike<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
