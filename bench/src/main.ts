// `pnpm bench`: every scenario for Parley, the official SDK and the limit, on each Node
// version, in several processes; cold starts; bundle sizes. Writes bench/RESULTS.md and
// the README's performance table.
// `pnpm bench --strict`: the streaming and create() scenarios with a full collection
// forced before every timed run (see strict.ts), written to their own section of RESULTS.md.
// `pnpm bench --quick`: a smoke run of a few seconds that checks results (never timings)
// and reports the size budgets; it exits non-zero on a wrong result, and with
// --enforce-budgets on a size over its budget.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { measureBundles } from './bundle-size.ts';
import { checkTheChecks } from './check.ts';
import { buildConcurrency, measureConcurrency } from './concurrency/measure.ts';
import { CONCURRENCY_NS } from './concurrency/report.ts';
import { measureColdStart } from './cold-start.ts';
import { readmeBlock, resultsMarkdown } from './report.ts';
import type { BenchResults, RuntimeResults } from './results.ts';
import { runtimes, type Runtime } from './runtimes.ts';
import { STRICT_SCENARIOS, strictSection, strictSectionOf, strictTargets, withStrictSection } from './strict.ts';
import { sizeTargets, speedTargets, type TargetResult } from './targets.ts';
import { runScenarios, type WorkerReport } from './worker.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const WORKER = here('../node_modules/.cache/parley-bench/worker.mjs');
const RESULTS = here('../RESULTS.md');
const README = here('../../README.md');
const COLD_ROUNDS = 10;
/** Group D's N in the quick run. */
const QUICK_CONCURRENCY = 20;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The CPU model as /proc/cpuinfo names it (Linux), else as Node reports it. */
function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (match !== null) return match[1]!.trim();
  } catch {
    // Not Linux: Node's own report below.
  }
  return cpus()[0]?.model.trim() ?? 'unknown';
}

function printTargets(title: string, targets: readonly TargetResult[]): void {
  log(title);
  for (const target of targets) {
    log(`  ${target.met ? 'ok  ' : 'MISS'} ${target.target}: ${target.measured}`);
  }
}

async function quick(enforceBudgets: boolean): Promise<number> {
  const started = performance.now();
  checkTheChecks();
  const report = await runScenarios('quick', undefined, log);
  const runs = report.results.reduce((total, result) => total + Object.values(result.samples).flat().length, 0);
  log(`bench --quick: ${runs} runs over ${report.results.length} scenarios, every result correct`);
  // Group D at a small N: the processes, the mock and the checks work (no timing is judged).
  await buildConcurrency();
  await measureConcurrency({ node: process.execPath, ns: [QUICK_CONCURRENCY], rounds: 1, log });
  const budgets = sizeTargets(await measureBundles());
  printTargets('size budgets:', budgets);
  log(`bench --quick: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // The test line enforces every budget.
  return enforceBudgets && !budgets.every((budget) => budget.met) ? 1 : 0;
}

function runWorker(runtime: Runtime, only: string | undefined, strict: boolean): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const args = strict ? ['--expose-gc', WORKER, 'full', only ?? STRICT_SCENARIOS.join(','), 'strict'] : [WORKER, 'full', only ?? ''];
    const child = spawn(runtime.node, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (data: string) => (out += data));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(out) as WorkerReport);
      else reject(new Error(`the benchmark process on Node ${runtime.version} failed (exit ${String(code)})`));
    });
  });
}

function replaceBlock(text: string, block: string): string | undefined {
  const open = '<!-- performance -->';
  const close = '<!-- /performance -->';
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  if (start === -1 || end < start) return undefined;
  return `${text.slice(0, start + open.length)}\n${block}\n${text.slice(end)}`;
}

async function full(options: { processes: number; only: string | undefined; write: boolean; strict: boolean }): Promise<number> {
  const started = performance.now();
  const loadStart = loadavg()[0] ?? 0;
  const targets = runtimes();
  log(`bench: ${targets.map((runtime) => `Node ${runtime.version}`).join(', ')}; ${options.processes} processes each`);
  // Bundled once, so Node 20 (which cannot strip types) runs exactly the code Node 24 runs.
  await build({ entryPoints: [here('./worker-entry.ts')], bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', outfile: WORKER, logLevel: 'warning' });
  const results: RuntimeResults[] = targets.map((runtime) => ({ version: runtime.version, reports: [], cold: [] }));
  for (let round = 0; round < options.processes; round++) {
    for (const [i, runtime] of targets.entries()) {
      log(`process ${round + 1}/${options.processes} on Node ${runtime.version}`);
      results[i]!.reports.push(await runWorker(runtime, options.only, options.strict));
    }
  }
  if (!options.strict && (options.only === undefined || options.only.split(',').some((prefix) => 'D-concurrency'.startsWith(prefix)))) {
    await buildConcurrency();
    for (const [i, runtime] of targets.entries()) {
      log(`D: concurrent streams on Node ${runtime.version}`);
      results[i]!.concurrency = await measureConcurrency({ node: runtime.node, ns: CONCURRENCY_NS, rounds: options.processes, log });
    }
  }
  for (const [i, runtime] of targets.entries()) {
    if (options.strict) break;
    log(`cold start on Node ${runtime.version}`);
    results[i]!.cold = measureColdStart(runtime.node, COLD_ROUNDS);
  }
  log('bundle sizes');
  const bundles = options.strict ? [] : await measureBundles();
  const bench: BenchResults = {
    date: new Date().toISOString().slice(0, 10),
    load: [loadStart, loadavg()[0] ?? 0],
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    processes: options.processes,
    seconds: (performance.now() - started) / 1000,
    runtimes: results,
    bundles,
  };
  if (options.strict) {
    for (const runtime of results) printTargets(`strict targets on Node ${runtime.version}:`, strictTargets(runtime));
    if (options.write) {
      writeFileSync(RESULTS, withStrictSection(readFileSync(RESULTS, 'utf8'), strictSection(bench)));
      log('wrote the strict section of bench/RESULTS.md');
    } else {
      process.stdout.write(`${strictSection(bench)}\n`);
    }
    log(`bench: done in ${Math.round(bench.seconds)} s`);
    return 0;
  }
  for (const runtime of results) printTargets(`targets on Node ${runtime.version}:`, speedTargets(runtime));
  printTargets('size budgets:', sizeTargets(bundles));
  if (options.write) {
    // The strict method's section stays: it is written by its own runs.
    writeFileSync(RESULTS, withStrictSection(resultsMarkdown(bench), strictSectionOf(readFileSync(RESULTS, 'utf8'))));
    const readme = replaceBlock(readFileSync(README, 'utf8'), readmeBlock(bench));
    if (readme === undefined) log('README.md has no <!-- performance --> block; left as it is');
    else writeFileSync(README, readme);
    log('wrote bench/RESULTS.md and the README performance table');
  } else {
    process.stdout.write(`${resultsMarkdown(bench)}\n${readmeBlock(bench)}\n`);
  }
  log(`bench: done in ${Math.round(bench.seconds)} s`);
  return 0;
}

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'enforce-budgets': { type: 'boolean', default: false },
    processes: { type: 'string', default: '3' },
    only: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});

try {
  process.exitCode = values.quick
    ? await quick(values['enforce-budgets'])
    : await full({ processes: Number(values.processes), only: values.only, write: !values['no-write'] && values.only === undefined, strict: values.strict });
} catch (error) {
  log(error instanceof Error ? `bench failed: ${error.message}` : `bench failed: ${String(error)}`);
  process.exitCode = 1;
}
