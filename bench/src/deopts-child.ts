// The process `deopts.ts` runs under `--expose-gc --trace-deopt`: warms one operation of
// one contender up, then runs it a few times, each after a forced full collection, with a
// marker line before each run in the same trace file V8 writes its deopts to.
import { appendFileSync } from 'node:fs';
import type { ContenderName, Operations } from './contenders/contender.ts';
import { limit } from './contenders/limit.ts';
import { official } from './contenders/official.ts';
import { parley } from './contenders/parley.ts';
import { memoryFetch } from './memory-fetch.ts';
import { scenarios } from './scenarios.ts';

const CONTENDERS = { parley, official, limit };
const WARMUP_MS = 500;

/** `deopts-child.mjs <contender> <scenario id> <trace file> <runs>` */
export async function deoptsChild(argv: readonly string[]): Promise<void> {
  const [name, id, trace, runs] = argv as [ContenderName, string, string, string];
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('deopts: run with --expose-gc');
  const scenario = scenarios('full', [id]).find((candidate) => candidate.id === id);
  if (scenario === undefined) throw new Error(`deopts: no scenario ${id}`);
  const operations: Operations = CONTENDERS[name].bind(memoryFetch(scenario.reply), scenario.clientOptions);
  const started = performance.now();
  while (performance.now() - started < WARMUP_MS) scenario.check(await scenario.run(operations));
  for (let run = 0; run < Number(runs); run++) {
    // The marker first: the deopts the collection causes belong to this run.
    appendFileSync(trace, `@@ run ${run}\n`);
    gc();
    scenario.check(await scenario.run(operations));
  }
  appendFileSync(trace, '@@ end\n');
}
