// The results of one `pnpm bench`, and the figures the report derives from them.
import type { BundleSize } from './bundle-size.ts';
import type { ColdStart } from './cold-start.ts';
import type { ClientReport } from './concurrency/client-process.ts';
import type { ContenderName } from './contenders/contender.ts';
import { median } from './stats.ts';
import type { WorkerReport } from './worker.ts';

/** Everything measured on one Node version. */
export interface RuntimeResults {
  version: string;
  reports: WorkerReport[];
  cold: ColdStart[];
  /** Group D: one report per client process. */
  concurrency?: ClientReport[];
}

export interface BenchResults {
  date: string;
  /** The 1-minute load average when the run started and when it ended (other work on the machine). */
  load: [number, number];
  cpus: number;
  cpuModel: string;
  processes: number;
  seconds: number;
  runtimes: RuntimeResults[];
  bundles: BundleSize[];
}

/** A contender's figure in one scenario: the median of every run of every process, and the spread of the process medians. */
export interface Figure {
  median: number;
  runs: number;
  low: number;
  high: number;
}

/**
 * The figure of `contender` in scenario `id` (wall time, CPU time, or peak heap growth), or undefined when
 * it did not run there.
 */
export function figure(runtime: RuntimeResults, id: string, contender: ContenderName, clock: 'wall' | 'cpu' | 'heap' = 'wall'): Figure | undefined {
  const perProcess: number[][] = [];
  for (const report of runtime.reports) {
    const result = report.results.find((candidate) => candidate.id === id);
    const samples = (clock === 'wall' ? result?.samples : clock === 'cpu' ? result?.cpu : result?.heap)?.[contender];
    if (samples !== undefined && samples.length > 0) perProcess.push(samples);
  }
  if (perProcess.length === 0) return undefined;
  const medians = perProcess.map(median);
  return { median: median(perProcess.flat()), runs: perProcess.flat().length, low: Math.min(...medians), high: Math.max(...medians) };
}

/** Sizes and counts of a scenario's fixture. */
export function factsOf(runtime: RuntimeResults, id: string): Record<string, number> {
  for (const report of runtime.reports) {
    const facts = report.facts[id];
    if (facts !== undefined) return facts;
  }
  return {};
}

/** A cold start median. */
export function coldMs(runtime: RuntimeResults, mode: ColdStart['mode'], target: ColdStart['target']): number {
  return runtime.cold.find((entry) => entry.mode === mode && entry.target === target)?.medianMs ?? Number.NaN;
}
