// Writes the results down: bench/RESULTS.md in full, a short table in the root README.
import { BUNDLES, type BundleSize } from './bundle-size.ts';
import { concurrencyMethod, concurrencyReadmeRow, concurrencyTable } from './concurrency/report.ts';
import type { ContenderName } from './contenders/contender.ts';
import { bytes, ms, ratio, table, us, verdict } from './format.ts';
import { coldMs, factsOf, figure, type BenchResults, type Figure, type RuntimeResults } from './results.ts';
import { scenarioLabel } from './labels.ts';
import { sizeTargets, speedTargets } from './targets.ts';

const QUADRATIC = 'not run (quadratic)';

/** Why the official SDK has no figure in a row. */
function officialMissing(id: string): string {
  return id.startsWith('B2') ? QUADRATIC : 'not run (has no validation to turn off)';
}

function cell(value: Figure | undefined, calls: number, limit: Figure | undefined, missing: string): string {
  if (value === undefined) return missing;
  const shown = calls > 1 ? us((value.median / calls) * 1000) : ms(value.median);
  if (limit === undefined || value === limit) return shown;
  return `${shown} (${ratio(value.median / limit.median)})`;
}

function per(value: number, calls: number): string {
  return calls > 1 ? us((value / calls) * 1000) : ms(value);
}

function cpuRatio(runtime: RuntimeResults, id: string, name: ContenderName): string {
  const value = figure(runtime, id, name, 'cpu');
  const limit = figure(runtime, id, 'limit', 'cpu');
  return value === undefined || limit === undefined ? '—' : ratio(value.median / limit.median);
}

export function scenarioTable(runtime: RuntimeResults): string {
  const ids = runtime.reports[0]?.results.map((result) => result.id) ?? [];
  const rows = ids.map((id) => {
    const calls = factsOf(runtime, id).calls ?? 1;
    const limit = figure(runtime, id, 'limit');
    const parley = figure(runtime, id, 'parley');
    const official = figure(runtime, id, 'official');
    const spread = parley === undefined ? '—' : `${per(parley.low, calls)} – ${per(parley.high, calls)}`;
    const speedup = parley !== undefined && official !== undefined ? ratio(official.median / parley.median) : '—';
    return [
      scenarioLabel(id, factsOf(runtime, id)),
      cell(limit, calls, undefined, '—'),
      cell(parley, calls, limit, '—'),
      cell(official, calls, limit, officialMissing(id)),
      speedup,
      `${cpuRatio(runtime, id, 'parley')} / ${cpuRatio(runtime, id, 'official')}`,
      spread,
      String(parley?.runs ?? 0),
    ];
  });
  const head = ['scenario', 'limit', 'Parley (÷ limit)', 'official SDK (÷ limit)', 'official ÷ Parley', 'CPU time ÷ limit: Parley / official', 'Parley per-process medians', 'runs'];
  return table(head, rows);
}

function coldTable(runtime: RuntimeResults): string {
  const rows = (['import', 'require'] as const).map((mode) => {
    const bare = coldMs(runtime, mode, 'bare');
    const parley = coldMs(runtime, mode, 'parley');
    const official = coldMs(runtime, mode, 'official');
    return [mode, ms(bare), ms(parley), ms(official), ms(parley - bare), ms(official - bare), `${(((parley - bare) / (official - bare)) * 100).toFixed(0)}%`];
  });
  const runs = runtime.cold[0]?.samples.length ?? 0;
  return `${table(['load', 'bare node', 'Parley', 'official SDK', 'Parley adds', 'official adds', 'Parley ÷ official (added)'], rows)}\n\nMedians of ${runs} fresh processes each.`;
}

function bundleTable(sizes: readonly BundleSize[]): string {
  const rows = sizes.map((size) => {
    const entry = BUNDLES.find((candidate) => candidate.id === size.id)!;
    const budget = entry.budget !== undefined && size.splitting === entry.split ? `≤ ${bytes(entry.budget)}` : '';
    return [entry.label, size.splitting ? 'yes' : 'no', bytes(size.initialRaw), bytes(size.initialGzip), bytes(size.totalRaw), bytes(size.totalGzip), String(size.files), budget];
  });
  const parts = sizes
    .filter((size) => size.id.startsWith('parley') || size.id.startsWith('streaming'))
    .filter((size) => size.splitting === BUNDLES.find((entry) => entry.id === size.id)?.split)
    .map((size) => {
      const byPackage = Object.entries(size.initialByPackage).sort((a, b) => b[1] - a[1]);
      return `- ${BUNDLES.find((entry) => entry.id === size.id)!.label}: ${byPackage.map(([name, count]) => `${name} ${bytes(count)}`).join(', ')}`;
    });
  const head = ['program', 'splitting', 'initial raw', 'initial gzip', 'total raw', 'total gzip', 'files', 'budget (initial gzip)'];
  return `${table(head, rows)}\n\nWhat the initial load of each budgeted program is made of (minified bytes before gzip, by package):\n\n${parts.join('\n')}`;
}

function targetTable(results: BenchResults): string {
  const perRuntime = results.runtimes.map(speedTargets);
  const rows = (perRuntime[0] ?? []).map((first, i) => [
    first.target,
    ...perRuntime.map((targets) => `${targets[i]!.measured} (${verdict(targets[i]!.met)})`),
  ]);
  for (const target of sizeTargets(results.bundles)) rows.push([target.target, ...results.runtimes.map(() => `${target.measured} (${verdict(target.met)})`)]);
  return table(['target', ...results.runtimes.map((runtime) => `Node ${runtime.version}`)], rows);
}

/** The whole of bench/RESULTS.md. */
export function resultsMarkdown(results: BenchResults): string {
  const sections = [
    '# Benchmark results',
    '',
    'Written by `pnpm bench` (bench/src/main.ts); do not edit by hand.',
    '',
    `- Date: ${results.date}`,
    `- Machine: ${results.cpus} CPUs (\`nproc\`), ${results.cpuModel}`,
    `- Node: ${results.runtimes.map((runtime) => runtime.version).join(', ')}`,
    `- Method: ${results.processes} processes per Node version, one after the other; in each, every scenario runs warm-up rounds then measured rounds, each round running every contender once in rotating order. No garbage collection is forced between runs (a forced full collection discards optimized code and turns every run into a cold one); rotating the order spreads the cost of collecting one contender's garbage over all of them. Figures are wall-time medians over all measured runs of all processes, per call for C. Every run's result is checked against the generator's ground truth (the final text equals the generated text, the tool input deep-equals the generated object, every create() returned the generated message), and a wrong result fails the run.`,
    `- Load average (1 min) at start and end: ${results.load[0].toFixed(2)} and ${results.load[1].toFixed(2)}; the CPU-time column is less sensitive to other work on the machine than wall time.`,
    `- Total time: ${Math.round(results.seconds)} s`,
    '',
    'Contenders: **Parley** (`@parley/sdk`), the **official SDK** (`@anthropic-ai/sdk` 1.12.0), and the **limit**: a hand-written minimum (one `TextDecoder` in stream mode, split on blank lines, `JSON.parse` of each data line, append; for C, `fetch` + `response.json()`). All get the same in-memory `fetch`, which answers `new Response(ReadableStream of the pre-built chunks)`, and the same chunks. Every client runs with its default options.',
    '',
    '## Targets',
    '',
    targetTable(results),
  ];
  for (const runtime of results.runtimes) {
    sections.push('', `## Node ${runtime.version}`, '', scenarioTable(runtime), '', '### D: concurrent streams over HTTP', '', concurrencyTable(runtime), '', '### Cold start', '', coldTable(runtime));
  }
  sections.push(
    '',
    '## Browser bundles',
    '',
    'esbuild 0.28, `--bundle --minify --platform=browser --format=esm`, gzip at the default level. With splitting, "initial" is the entry chunk and what it imports statically; lazily imported chunks count only in "total": Parley loads with `import()` its compiled request checks (first validated call), the explanation of a rejected request (only for an invalid request), the tool loop (first tool run), structured output (first `parse()` or stream with an output format), and the JSON lines writer of `toReadableStream()` (first pull).',
    '',
    bundleTable(results.bundles),
    '',
    'B2 with the official SDK is quadratic (it re-parses the whole input on every delta), so it runs only at sizes that finish in reasonable time.',
    '',
    concurrencyMethod(),
    '',
    'F reads a batch\'s results file (JSON Lines, from the same in-memory `fetch`): Parley\'s `batches.results(id)`, the official SDK\'s `await batches.results(id)`, and the limit (the body read straight from its URL, split on newlines, `JSON.parse` of each line). Peak heap growth is sampled every 1,000 lines as the heap outside the young generation (short-lived garbage fills the young generation whatever a reader keeps; what it keeps is promoted and shows there), minus that at the start of the run.',
    '',
    'E streams a structured output (a 1 MB JSON object as `text_delta`s): Parley with an output format and a `parsedOutput` listener, so it builds a partial object after every delta and parses the final one; the official SDK\'s `stream().finalMessage()` and the limit have no partials and parse the final text once.',
    '',
  );
  return sections.join('\n');
}

/** The short table for the root README. */
export function readmeBlock(results: BenchResults): string {
  const runtime = results.runtimes[0]!;
  const row = (label: string, id: string, calls = 1) => {
    const limit = figure(runtime, id, 'limit');
    return [label, cell(figure(runtime, id, 'parley'), calls, limit, '—'), cell(figure(runtime, id, 'official'), calls, limit, officialMissing(id)), cell(limit, calls, undefined, '—')];
  };
  const sdk = (id: string) => results.bundles.find((size) => size.id === id && size.splitting);
  const coldAdds = (target: 'parley' | 'official') => `+${ms(coldMs(runtime, 'import', target) - coldMs(runtime, 'import', 'bare'))}`;
  const rows = [
    row('streamed text, 3.4 MB in 20,000 deltas', 'A-stream-1024'),
    row('streamed tool input, 1 MB', 'B1-1000000'),
    row('the same with an `inputJson` listener, 64 KB', 'B2-64000'),
    row('the same with an `inputJson` listener, 1 MB', 'B2-1000000'),
    row('`messages.create()`, 2 KB reply, per call', 'C-create', factsOf(runtime, 'C-create').calls ?? 1),
    concurrencyReadmeRow(runtime),
    row(`batch results, ${(factsOf(runtime, 'F-batch-results').results ?? 0).toLocaleString('en-US')} JSON lines`, 'F-batch-results'),
    ['browser bundle, create + stream (gzip, initial load)', bytes(sdk('parley-sdk')?.initialGzip ?? 0), bytes(sdk('official-sdk')?.initialGzip ?? 0), '—'],
    ['cold `import` over bare node', coldAdds('parley'), coldAdds('official'), ms(coldMs(runtime, 'import', 'bare'))],
  ];
  return [
    table(['Node ' + runtime.version + ', medians', 'Parley', 'official SDK', 'limit'], rows),
    '',
    `In brackets: time over the limit, the least work any client can do. ${results.cpus} CPUs (${results.cpuModel}), ${results.date}; every scenario, Node ${results.runtimes.map((r) => r.version).join(' and ')}, and the method are in [bench/RESULTS.md](bench/RESULTS.md).`,
  ].join('\n');
}
