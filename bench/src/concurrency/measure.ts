// Group D: N concurrent streams over real HTTP. For each run, a fresh mock process
// (mock-process.ts) and a fresh client process (client-process.ts) for one contender;
// runs rotate the contenders' order round by round, as the other groups do. The two
// scripts are bundled first, so Node 20 (which cannot strip types) runs them too.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { ContenderName } from '../contenders/contender.ts';
import { byteLength, chunkBytes } from '../sse.ts';
import type { ClientReport } from './client-process.ts';
import { CHUNK_BYTES, DELTAS, concurrencyReply, dripMs } from './fixture.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const CACHE = here('../../node_modules/.cache/parley-bench/');
const MOCK = `${CACHE}concurrency-mock.mjs`;
const CLIENT = `${CACHE}concurrency-client.mjs`;
const ORDER: readonly ContenderName[] = ['parley', 'official', 'limit'];

/** The sizes of group D's reply, for the report. */
export interface ConcurrencyFacts {
  bodyBytes: number;
  deltas: number;
  words: number;
  chunkBytes: number;
  chunks: number;
  /** The pause before each chunk after the first, by N. */
  dripMs: (n: number) => number;
}

export function concurrencyFacts(): ConcurrencyFacts {
  const reply = concurrencyReply();
  return {
    bodyBytes: byteLength(chunkBytes(reply.sse, CHUNK_BYTES)),
    deltas: DELTAS,
    words: reply.text.split(/\s+/).filter(Boolean).length,
    chunkBytes: CHUNK_BYTES,
    chunks: chunkBytes(reply.sse, CHUNK_BYTES).length,
    dripMs,
  };
}

/** Bundles the mock and client scripts (once per bench). */
export async function buildConcurrency(): Promise<void> {
  // The packages are bundled in too: the runs then read nothing from node_modules, so a
  // rebuild of a package while they go on cannot break them.
  const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' } as const;
  await build({ ...common, entryPoints: [here('./mock-process.ts')], outfile: MOCK });
  await build({ ...common, entryPoints: [here('./client-process.ts')], outfile: CLIENT });
}

/** Lines a child process prints on stdout, as they come. */
function lines(child: ReturnType<typeof spawn>, onLine: (line: string) => void): void {
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (data: string) => {
    buffer += data;
    for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n')) {
      onLine(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
    }
  });
}

/** Starts a mock process that serves `warmup + 2n` replies; resolves with its URL and a way to stop it. */
function startMock(node: string, options: { n: number; warmup: number }): Promise<{ url: string; stop: () => Promise<number> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [MOCK, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] });
    let stopped: ((requests: number) => void) | undefined;
    lines(child, (line) => {
      if (line.startsWith('http')) {
        resolve({
          url: line,
          stop: () =>
            new Promise<number>((done) => {
              stopped = done;
              child.stdin.end();
            }),
        });
      } else {
        stopped?.((JSON.parse(line) as { requests: number }).requests);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the mock process of group D failed (exit ${String(code)})`));
    });
  });
}

function runClient(node: string, args: readonly string[]): Promise<ClientReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, ['--expose-gc', CLIENT, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let report: ClientReport | undefined;
    lines(child, (line) => (report = JSON.parse(line) as ClientReport));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 && report !== undefined) resolve(report);
      else reject(new Error(`group D: the ${args[0] ?? ''} client process failed (exit ${String(code)})`));
    });
  });
}

/** One run: a mock, a client, and a check that the mock saw exactly the requests made (no retries). */
async function runOnce(node: string, contender: ContenderName, n: number): Promise<ClientReport> {
  const warmup = Math.min(n, 50);
  // The mock always runs on this process's Node: only the client is measured.
  const mock = await startMock(process.execPath, { n, warmup });
  let report: ClientReport;
  try {
    report = await runClient(node, [contender, mock.url, String(n), String(warmup)]);
  } catch (error) {
    await mock.stop();
    throw error;
  }
  const requests = await mock.stop();
  if (requests !== 2 * n + warmup) throw new Error(`group D / ${contender} / ${n}: the mock saw ${requests} requests, not ${2 * n + warmup}`);
  return report;
}

/**
 * Runs group D on `node`: for each N, `rounds` rounds of one run per contender.
 * Assumes {@link buildConcurrency} ran.
 */
export async function measureConcurrency(options: { node: string; ns: readonly number[]; rounds: number; log: (line: string) => void }): Promise<ClientReport[]> {
  const reports: ClientReport[] = [];
  for (const n of options.ns) {
    for (let round = 0; round < options.rounds; round++) {
      for (let k = 0; k < ORDER.length; k++) {
        const contender = ORDER[(round + k) % ORDER.length]!;
        const report = await runOnce(options.node, contender, n);
        options.log(`  D ${n} streams / ${contender}: ${report.wallMs.toFixed(0)} ms, CPU ${report.cpuMs.toFixed(0)} ms, ${(report.heapPerStream / 1024).toFixed(1)} KiB heap per open stream (${report.maxOpen} open at once, all after ${report.allOpenMs.toFixed(0)} ms)`);
        reports.push(report);
      }
    }
  }
  return reports;
}
