// Runs the scenarios in this process: warm-up runs, then rounds in which every contender
// runs once, the order rotating so no one always goes first or always follows the one
// whose garbage is collected next. No collection is forced between runs: a forced full
// collection throws away optimized code, which would make every run a cold start. Each
// run is checked; a wrong result stops everything. The strict method (`--strict`) does
// force one before every timed run, to show what that loss costs each contender.
import type { Contender, ContenderName, Operations } from './contenders/contender.ts';
import { limit } from './contenders/limit.ts';
import { official } from './contenders/official.ts';
import { parley } from './contenders/parley.ts';
import { memoryFetch } from './memory-fetch.ts';
import type { Scenario } from './scenarios.ts';

const CONTENDERS: Record<ContenderName, Contender> = { parley, official, limit };

/** The timed runs of one scenario in one process, in milliseconds, per contender. */
export interface ScenarioSamples {
  id: string;
  /** Wall time of each run. */
  samples: Partial<Record<ContenderName, number[]>>;
  /** CPU time (user + system, all threads) of each run: less sensitive to other load on the machine. */
  cpu: Partial<Record<ContenderName, number[]>>;
  /** Where a run reports it (group F): the peak heap growth while it ran, in bytes. */
  heap?: Partial<Record<ContenderName, number[]>>;
}

/** The least warm-up of every contender in the strict method, in milliseconds. */
const STRICT_WARMUP_MS = 500;

function forcedGc(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the strict method forces collections: run node with --expose-gc');
  return gc;
}

async function timed(scenario: Scenario, operations: Operations, name: ContenderName): Promise<{ wall: number; cpu: number; heap: number | undefined }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await scenario.run(operations);
  const wall = performance.now() - start;
  const cpuUsed = process.cpuUsage(cpuStart);
  try {
    scenario.check(result);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${scenario.id} / ${name}: wrong result: ${message}`, { cause: error });
  }
  const heap = (result as { peakHeapGrowth?: unknown } | undefined)?.peakHeapGrowth;
  return { wall, cpu: (cpuUsed.user + cpuUsed.system) / 1000, heap: typeof heap === 'number' ? heap : undefined };
}

/**
 * Measures one scenario. `onRun` hears of each run as it ends (for progress lines). With
 * `strict` (see strict.ts) warm-up lasts until every contender has run for 500 ms, and a
 * full collection is forced before every timed run.
 */
export async function measure(scenario: Scenario, onRun?: (name: ContenderName, ms: number) => void, strict = false): Promise<ScenarioSamples> {
  const fetch = memoryFetch(scenario.reply);
  const entries = scenario.contenders.map((name) => ({ name, operations: CONTENDERS[name].bind(fetch, scenario.clientOptions), warm: 0 }));
  const samples: Partial<Record<ContenderName, number[]>> = {};
  const cpu: Partial<Record<ContenderName, number[]>> = {};
  const heap: Partial<Record<ContenderName, number[]>> = {};
  const gc = strict ? forcedGc() : undefined;
  let warmup = strict ? Math.max(1, scenario.warmup) : scenario.warmup;
  for (let round = 0; round < warmup + scenario.rounds; round++) {
    if (strict && round === warmup - 1 && entries.some((entry) => entry.warm < STRICT_WARMUP_MS)) warmup++;
    for (let k = 0; k < entries.length; k++) {
      const entry = entries[(round + k) % entries.length]!;
      const { name, operations } = entry;
      if (round >= warmup) gc?.();
      const time = await timed(scenario, operations, name);
      onRun?.(name, time.wall);
      if (round < warmup) {
        entry.warm += time.wall;
        continue;
      }
      (samples[name] ??= []).push(time.wall);
      (cpu[name] ??= []).push(time.cpu);
      if (time.heap !== undefined) (heap[name] ??= []).push(time.heap);
    }
  }
  return { id: scenario.id, samples, cpu, ...(Object.keys(heap).length > 0 ? { heap } : {}) };
}
