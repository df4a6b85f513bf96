// `node bench/src/deopts.ts [scenario id] [runs]`: how much optimized code each contender
// loses per stream after a full garbage collection. Each contender runs in its own
// process under `--expose-gc --trace-deopt`, warms up for 500 ms, then streams `runs`
// times (default 5), each after a forced full collection; the deopts V8 reports between
// two runs are counted: code marked for deoptimization (the collection throws it away)
// and eager or soft bailouts (code that met a case it was not built for). The lazy
// bailouts that follow a marking are the same loss and are not counted again.
//
// V8 writes the start of a "marking dependent code" line to the redirected trace file and
// its end (the reason) to stdout; the two halves come in the same order and are joined here.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runtimes } from './runtimes.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const CACHE = here('../node_modules/.cache/parley-bench/');
const CHILD = `${CACHE}deopts.mjs`;
const CONTENDERS = ['parley', 'official', 'limit'] as const;

/** One deopt: the function, its kind, and V8's reason. */
export interface Deopt {
  fn: string;
  kind: 'marked' | 'eager' | 'soft';
  reason: string;
}

const nameOf = (name: string | undefined) => (name === undefined || name === '' ? '(anonymous)' : name);

/** The deopts of each run, parsed from the trace file and the stdout of one child. */
export function parseTrace(trace: string, stdout: string): Deopt[][] {
  const reasons = [...stdout.matchAll(/\(opt id \d+\) for deoptimization, reason: ([^\]]*)\]/g)].map((match) => match[1]!);
  const runs: Deopt[][] = [];
  let current: Deopt[] | undefined;
  let marked = 0;
  const pattern = /@@ (run|end)[^\n]*\n|\[marking dependent code [^<]*<Code [^>]*> \([^<]*<SharedFunctionInfo ?([^>]*)>|\[bailout \(kind: (deopt-eager|deopt-soft), reason: ([^)]*)\): begin\. deoptimizing [^<]*<JSFunction ([^ >]*)/g;
  for (const match of trace.matchAll(pattern)) {
    if (match[1] !== undefined) {
      current = match[1] === 'run' ? [] : undefined;
      if (current !== undefined) runs.push(current);
    } else if (match[5] !== undefined) {
      current?.push({ fn: match[5], kind: match[3] === 'deopt-eager' ? 'eager' : 'soft', reason: match[4]! });
    } else {
      const reason = reasons[marked++] ?? '?';
      current?.push({ fn: nameOf(match[2]), kind: 'marked', reason });
    }
  }
  return runs;
}

function runChild(node: string, contender: string, id: string, runs: number): Deopt[][] {
  const trace = `${CACHE}deopts-${contender}.trace`;
  rmSync(trace, { force: true });
  const child = spawnSync(
    node,
    ['--expose-gc', '--trace-deopt', '--redirect-code-traces', `--redirect-code-traces-to=${trace}`, CHILD, contender, id, trace, String(runs)],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  if (child.status !== 0) throw new Error(`deopts: the ${contender} process on ${node} failed (exit ${String(child.status)})`);
  return parseTrace(readFileSync(trace, 'utf8'), child.stdout);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function main(argv: readonly string[]): Promise<void> {
  const id = argv[0] ?? 'A-stream-1024';
  const runs = Number(argv[1] ?? 5);
  await build({ entryPoints: [here('./deopts-entry.ts')], bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', outfile: CHILD, logLevel: 'warning' });
  for (const runtime of runtimes()) {
    console.log(`Node ${runtime.version}, ${id}: deopts per stream after a forced full GC (${runs} streams, after 500 ms of warm-up)`);
    for (const contender of CONTENDERS) {
      const perRun = runChild(runtime.node, contender, id, runs);
      const counts = perRun.map((deopts) => deopts.length);
      console.log(`  ${contender.padEnd(8)} median ${median(counts)}  (runs: ${counts.join(', ')})`);
      // The functions of the last run, so a reader sees what is lost and why.
      const last = perRun[perRun.length - 1] ?? [];
      const byFunction = new Map<string, number>();
      for (const deopt of last) {
        const key = `${deopt.fn} [${deopt.kind}: ${deopt.reason}]`;
        byFunction.set(key, (byFunction.get(key) ?? 0) + 1);
      }
      for (const [key, count] of byFunction) console.log(`      ${key}${count > 1 ? ` x${count}` : ''}`);
    }
  }
}

await main(process.argv.slice(2));
