// Group D in the report: its table, its targets and its README row.
import type { ContenderName } from '../contenders/contender.ts';
import { ms, ratio, table } from '../format.ts';
import type { RuntimeResults } from '../results.ts';
import { median } from '../stats.ts';
import type { TargetResult } from '../targets.ts';
import { concurrencyFacts } from './measure.ts';

/** The numbers of streams group D opens at once in a full run. */
export const CONCURRENCY_NS = [100, 1000] as const;

const NAMES: Record<ContenderName, string> = { parley: 'Parley', official: 'official SDK', limit: 'limit' };
type Field = 'wallMs' | 'cpuMs' | 'heapPerStream' | 'rssPerStream' | 'peakHeap' | 'peakRss' | 'maxOpen';

/** The median of `field` over the runs of `contender` at `n` (NaN when it did not run). */
export function concurrencyFigure(runtime: RuntimeResults, n: number, contender: ContenderName, field: Field): number {
  const values = (runtime.concurrency ?? []).filter((run) => run.n === n && run.contender === contender).map((run) => run[field]);
  return values.length === 0 ? Number.NaN : median(values);
}

const kib = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024).toFixed(1)} KiB` : '—');
const mib = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : '—');

/** Group D's table for one Node version. */
export function concurrencyTable(runtime: RuntimeResults): string {
  const runs = runtime.concurrency ?? [];
  const ns = [...new Set(runs.map((run) => run.n))].sort((a, b) => a - b);
  const rows: string[][] = [];
  for (const n of ns) {
    const figure = (contender: ContenderName, field: Field) => concurrencyFigure(runtime, n, contender, field);
    for (const contender of ['limit', 'parley', 'official'] as const) {
      const cpu = figure(contender, 'cpuMs');
      const overLimit = contender === 'limit' ? '' : ` (${ratio(cpu / figure('limit', 'cpuMs'))})`;
      rows.push([
        n.toLocaleString('en-US'),
        NAMES[contender],
        ms(figure(contender, 'wallMs')),
        `${ms(cpu)}${overLimit}`,
        kib(figure(contender, 'heapPerStream')),
        kib(figure(contender, 'rssPerStream')),
        mib(figure(contender, 'peakHeap')),
        mib(figure(contender, 'peakRss')),
        figure(contender, 'maxOpen').toLocaleString('en-US'),
        String(runs.filter((run) => run.n === n && run.contender === contender).length),
      ]);
    }
  }
  const head = ['N', 'client', 'wall time', 'CPU time (÷ limit)', 'heap per open stream', 'RSS per open stream', 'peak heap', 'peak RSS', 'open at once (max)', 'runs'];
  return table(head, rows);
}

/** What group D does, for the report. */
export function concurrencyMethod(): string {
  const facts = concurrencyFacts();
  return (
    `D opens N concurrent \`messages.stream()\` calls (the limit: \`fetch\` and the same decoder as above) to \`@parley/mock\` over HTTP on 127.0.0.1, the mock in a process of its own and each client in a fresh process of its own, so CPU time and memory are the client's alone. ` +
    `Each stream gets the same ${facts.words.toLocaleString('en-US')}-word (about 2,000-token) reply of ${facts.deltas} text deltas, ${(facts.bodyBytes / 1000).toFixed(0)} KB of SSE that the mock sends in ${facts.chunkBytes.toLocaleString('en-US')} B chunks, ${facts.dripMs(100)} ms apart for N = 100 and ${facts.dripMs(1000)} ms apart for N = 1,000 (N/10 ms: a stream lasts longer than opening all N connections takes). ` +
    'After a warm-up of 50 streams, a memory phase opens N streams that the mock sends half their reply and then stalls; once every response has arrived and the process is idle, a forced collection, and the heap used and the RSS minus the same after the warm-up, divided by N, are the memory per open stream; the streams are then aborted. ' +
    'The timed phase opens N more streams that get their whole reply and awaits every final message (each checked against the generated text): wall time, CPU time (`process.cpuUsage()`), peak heap (sampled every 20 ms) and peak RSS (the kernel\'s maximum for the process). ' +
    'The client counts the responses whose headers have arrived: "open at once" is the most streams that had their headers and had not ended at one time, so N means every stream was open together; the mock counts the requests it saw, and a run fails unless that is exactly the calls made (no retry). Figures are medians over the runs.'
  );
}

/** Group D's targets, over every N measured. */
export function concurrencyTargets(runtime: RuntimeResults): TargetResult[] {
  const per = (measure: (n: number) => number) => CONCURRENCY_NS.map((n) => ({ n, value: measure(n) }));
  const figure = (n: number, contender: ContenderName, field: Field) => concurrencyFigure(runtime, n, contender, field);
  const overLimit = per((n) => figure(n, 'parley', 'cpuMs') / figure(n, 'limit', 'cpuMs'));
  const overOfficial = per((n) => figure(n, 'parley', 'cpuMs') / figure(n, 'official', 'cpuMs'));
  const memory = per((n) => figure(n, 'parley', 'heapPerStream') / figure(n, 'official', 'heapPerStream'));
  const shown = (values: { n: number; value: number }[], format: (value: number, n: number) => string) =>
    values.map(({ n, value }) => `N = ${n.toLocaleString('en-US')}: ${format(value, n)}`).join(', ');
  const all = (values: { value: number }[], max: number) => values.every(({ value }) => value <= max);
  return [
    { target: 'D (N concurrent streams): Parley\'s CPU time ≤ 1.3x the limit\'s', measured: shown(overLimit, ratio), met: all(overLimit, 1.3) },
    { target: 'D: Parley\'s CPU time ≤ the official SDK\'s', measured: shown(overOfficial, ratio), met: all(overOfficial, 1) },
    {
      target: 'D: Parley\'s heap per open stream ≤ the official SDK\'s',
      measured: shown(memory, (_value, n) => `${kib(figure(n, 'parley', 'heapPerStream'))} vs ${kib(figure(n, 'official', 'heapPerStream'))}`),
      met: all(memory, 1),
    },
  ];
}

/** The README row: the largest N, CPU time over the limit, and memory per open stream. */
export function concurrencyReadmeRow(runtime: RuntimeResults): string[] {
  const n = CONCURRENCY_NS[CONCURRENCY_NS.length - 1]!;
  const cell = (contender: ContenderName) => {
    const cpu = concurrencyFigure(runtime, n, contender, 'cpuMs');
    const overLimit = contender === 'limit' ? '' : ` (${ratio(cpu / concurrencyFigure(runtime, n, 'limit', 'cpuMs'))})`;
    return `${ms(cpu)}${overLimit}, ${kib(concurrencyFigure(runtime, n, contender, 'heapPerStream'))}`;
  };
  return [`${n.toLocaleString('en-US')} concurrent streams over HTTP: client CPU time, heap per open stream`, cell('parley'), cell('official'), cell('limit')];
}
