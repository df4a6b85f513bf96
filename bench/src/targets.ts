// The targets of the issue, evaluated on what was measured.
import { BUNDLES, type BundleSize } from './bundle-size.ts';
import { concurrencyTargets } from './concurrency/report.ts';
import { ratio } from './format.ts';
import { coldMs, figure, type RuntimeResults } from './results.ts';

/** One target and whether it was met. */
export interface TargetResult {
  target: string;
  measured: string;
  met: boolean;
}

function parleyOverLimit(runtime: RuntimeResults, id: string, calls = 1): number {
  const parley = figure(runtime, id, 'parley');
  const limit = figure(runtime, id, 'limit');
  return parley === undefined || limit === undefined ? Number.NaN : parley.median / calls / (limit.median / calls);
}

function under(value: number, max: number, label: string): TargetResult {
  return { target: label, measured: ratio(value), met: value <= max };
}

const MB = 1024 * 1024;

/** F's memory target: Parley's peak heap growth (the largest of its runs), with the official SDK's beside it. */
function heapTarget(runtime: RuntimeResults): TargetResult {
  const peak = (name: 'parley' | 'official') => figure(runtime, 'F-batch-results', name, 'heap')?.high ?? Number.NaN;
  const parley = peak('parley');
  const shown = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
  return { target: 'F: Parley\'s peak heap growth while reading ≤ 64 MB', measured: `${shown(parley)} (official SDK: ${shown(peak('official'))})`, met: parley <= 64 * MB };
}

/** Parley ahead of the official SDK through `create({ stream: true })`, iterated (both ÷ the limit). */
export function createAheadOfOfficial(runtime: RuntimeResults): TargetResult {
  const parley = parleyOverLimit(runtime, 'A-create-1024');
  const official = figure(runtime, 'A-create-1024', 'official');
  const limit = figure(runtime, 'A-create-1024', 'limit');
  const ofOfficial = official === undefined || limit === undefined ? Number.NaN : official.median / limit.median;
  return { target: 'A via create({ stream: true }): Parley ahead of the official SDK', measured: `${ratio(parley)} vs ${ratio(ofOfficial)}`, met: parley < ofOfficial };
}

/** The speed targets on one Node version. */
export function speedTargets(runtime: RuntimeResults): TargetResult[] {
  const b2 = (bytes: number) => figure(runtime, `B2-${bytes}`, 'parley')?.median ?? Number.NaN;
  const noListener = figure(runtime, 'B2-1000000', 'limit')?.median ?? Number.NaN;
  const results = [
    under(parleyOverLimit(runtime, 'A-stream-1024'), 1.3, 'A (1 KiB chunks): Parley ≤ 1.3x the limit'),
    under(parleyOverLimit(runtime, 'A-stream-64'), 1.3, 'A (64 B chunks): Parley ≤ 1.3x the limit'),
    under(parleyOverLimit(runtime, 'A-create-1024'), 1.3, 'A via create({ stream: true }): Parley ≤ 1.3x the limit'),
    createAheadOfOfficial(runtime),
    under(parleyOverLimit(runtime, 'B1-1000000'), 1.5, 'B1: Parley ≤ 1.5x the limit'),
    under(b2(1_000_000) / b2(500_000), 2.2, 'B2 linear: 1 MB costs ≤ 2.2x what 500 KB costs'),
    under(b2(1_000_000) / noListener, 3, 'B2 at 1 MB: < 3x the limit without a listener'),
    under(parleyOverLimit(runtime, 'C-create'), 1.3, 'C: Parley ≤ 1.3x the limit per call'),
    ...concurrencyTargets(runtime),
    under(parleyOverLimit(runtime, 'E-output-1000000'), 3, 'E at 1 MB: structured output with a parsedOutput listener ≤ 3x the limit without one'),
    under(parleyOverLimit(runtime, 'F-batch-results'), 1.3, 'F: batches.results(), Parley ≤ 1.3x the limit'),
    heapTarget(runtime),
  ];
  for (const mode of ['import', 'require'] as const) {
    const bare = coldMs(runtime, mode, 'bare');
    const share = (coldMs(runtime, mode, 'parley') - bare) / (coldMs(runtime, mode, 'official') - bare);
    results.push({ target: `cold ${mode}: Parley adds ≤ 1/4 of what the official SDK adds`, measured: `${(share * 100).toFixed(0)}%`, met: share <= 0.25 });
  }
  return results;
}

/** The size budgets (initial load, gzip): a size is not a timing, so the quick run checks these too. */
export function sizeTargets(sizes: readonly BundleSize[]): TargetResult[] {
  const results: TargetResult[] = [];
  for (const entry of BUNDLES) {
    if (entry.budget === undefined) continue;
    // With splitting where it applies: what a browser loads before the program runs.
    const size = sizes.find((candidate) => candidate.id === entry.id && candidate.splitting === entry.split);
    if (size === undefined) continue;
    results.push({
      target: `${entry.label} ≤ ${entry.budget.toLocaleString('en-US')} B gzip (initial load)`,
      measured: `${size.initialGzip.toLocaleString('en-US')} B`,
      met: size.initialGzip <= entry.budget,
    });
  }
  return results;
}
