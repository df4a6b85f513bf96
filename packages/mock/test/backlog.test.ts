// The listen queue: large enough by default for a load test that opens a thousand
// connections at once. Linux's `ss -ltn` shows a listening socket's queue length as its
// Send-Q, capped by net.core.somaxconn.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';

function listenQueue(url: string): number {
  const port = new URL(url).port;
  const line = execFileSync('ss', ['-ltnH', `sport = :${port}`], { encoding: 'utf8' }).trim();
  const sendQ = line.split(/\s+/)[2];
  if (sendQ === undefined) throw new Error(`ss printed no listening socket for port ${port}: ${JSON.stringify(line)}`);
  return Number(sendQ);
}

const somaxconn = process.platform === 'linux' ? Number(readFileSync('/proc/sys/net/core/somaxconn', 'utf8')) : 0;

describe.runIf(process.platform === 'linux')('listen backlog', () => {
  it('defaults to 4096 (as far as the system allows), not Node\'s 511', async () => {
    const server = await startMockServer();
    try {
      expect(listenQueue(server.url)).toBe(Math.min(4096, somaxconn));
    } finally {
      await server.close();
    }
  });

  it('takes a chosen backlog', async () => {
    const server = await startMockServer({ backlog: 64 });
    try {
      expect(listenQueue(server.url)).toBe(64);
    } finally {
      await server.close();
    }
  });

  it('rejects a backlog that is not a positive integer, naming it', async () => {
    await expect(startMockServer({ backlog: 0 })).rejects.toThrow('@parley/mock: backlog should be an integer >= 1');
    await expect(startMockServer({ backlog: 1.5 })).rejects.toThrow('backlog');
  });
});
