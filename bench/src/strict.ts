// The strict method (`pnpm bench --strict`): the streaming and create() scenarios again,
// with a full garbage collection forced before every timed run (node --expose-gc) and at
// least 500 ms of warm-up per contender. A full collection throws away optimized code
// that embeds objects which died, or that relied on a field's type staying put; a client
// whose hot path survives it costs the same in both methods. Its results are a section of
// bench/RESULTS.md that the default method keeps when it rewrites the file (and the other
// way round).
import { ratio, table, verdict } from './format.ts';
import { scenarioTable } from './report.ts';
import { figure, type BenchResults, type RuntimeResults } from './results.ts';
import { createAheadOfOfficial, type TargetResult } from './targets.ts';

/** The scenarios the strict method runs (id prefixes). */
export const STRICT_SCENARIOS = ['A-', 'B1-', 'C-create'];

const OPEN = '<!-- strict -->';
const CLOSE = '<!-- /strict -->';

function overLimit(runtime: RuntimeResults, id: string, contender: 'parley' | 'official' = 'parley'): number {
  const value = figure(runtime, id, contender);
  const limit = figure(runtime, id, 'limit');
  return value === undefined || limit === undefined ? Number.NaN : value.median / limit.median;
}

function under(value: number, max: number, label: string): TargetResult {
  return { target: label, measured: ratio(value), met: value <= max };
}

/** The targets both methods are held to, on one Node version. */
export function strictTargets(runtime: RuntimeResults): TargetResult[] {
  return [
    under(overLimit(runtime, 'A-stream-1024'), 1.3, 'A (1 KiB chunks): Parley ≤ 1.3x the limit'),
    under(overLimit(runtime, 'A-stream-64'), 1.3, 'A (64 B chunks): Parley ≤ 1.3x the limit'),
    under(overLimit(runtime, 'A-create-1024'), 1.3, 'A via create({ stream: true }): Parley ≤ 1.3x the limit'),
    createAheadOfOfficial(runtime),
    under(overLimit(runtime, 'B1-1000000'), 1.5, 'B1: Parley ≤ 1.5x the limit'),
    under(overLimit(runtime, 'C-create'), 1.3, 'C: Parley ≤ 1.3x the limit per call'),
  ];
}

/** The strict section of bench/RESULTS.md, markers included. */
export function strictSection(results: BenchResults): string {
  const perRuntime = results.runtimes.map(strictTargets);
  const rows = (perRuntime[0] ?? []).map((first, i) => [first.target, ...perRuntime.map((targets) => `${targets[i]!.measured} (${verdict(targets[i]!.met)})`)]);
  const sections = [
    OPEN,
    '## Strict method',
    '',
    'Written by `pnpm bench --strict`.',
    '',
    `- Date: ${results.date}; ${results.cpus} CPUs, ${results.cpuModel}; Node ${results.runtimes.map((runtime) => runtime.version).join(', ')}; load average (1 min) at start and end: ${results.load[0].toFixed(2)} and ${results.load[1].toFixed(2)}; total time ${Math.round(results.seconds)} s.`,
    `- Method: as above (${results.processes} processes per Node version, rotating order, every result checked, the same pull-based body handing out one chunk per \`read()\`), except that each process runs under \`node --expose-gc\`, warms every contender up for at least 500 ms, and forces a full garbage collection before every timed run. A full collection throws away optimized code that embeds objects which died with the previous run, or that relied on a field keeping its type; this method charges each contender for rebuilding it. \`node bench/src/deopts.ts\` counts that loss per stream.`,
    '',
    table(['target', ...results.runtimes.map((runtime) => `Node ${runtime.version}`)], rows),
  ];
  for (const runtime of results.runtimes) sections.push('', `### Node ${runtime.version}, strict`, '', scenarioTable(runtime));
  sections.push(CLOSE);
  return sections.join('\n');
}

/** The strict section held in `text`, if any. */
export function strictSectionOf(text: string): string | undefined {
  const start = text.indexOf(OPEN);
  const end = text.indexOf(CLOSE);
  return start === -1 || end < start ? undefined : text.slice(start, end + CLOSE.length);
}

/** `text` with its strict section replaced by `section` (added at the end when it has none). */
export function withStrictSection(text: string, section: string | undefined): string {
  if (section === undefined) return text;
  const old = strictSectionOf(text);
  return old === undefined ? `${text.trimEnd()}\n\n${section}\n` : text.replace(old, () => section);
}
