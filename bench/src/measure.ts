// Runs the scenarios in this process: warm-up runs, then rounds in which every contender
// runs once, the order rotating so no one always goes first (or right after a big
// collector). Each run is checked; a wrong result stops everything.
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
  samples: Partial<Record<ContenderName, number[]>>;
}

// Each run starts from a collected heap, so no contender pays for another's garbage.
const gc = globalThis.gc;
const collect = (): void => {
  if (gc !== undefined) gc();
};

async function timed(scenario: Scenario, operations: Operations, name: ContenderName): Promise<number> {
  collect();
  const start = performance.now();
  const result = await scenario.run(operations);
  const elapsed = performance.now() - start;
  try {
    scenario.check(result);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${scenario.id} / ${name}: wrong result: ${message}`, { cause: error });
  }
  return elapsed;
}

/** Measures one scenario. `onRun` hears of each run as it ends (for progress lines). */
export async function measure(scenario: Scenario, onRun?: (name: ContenderName, ms: number) => void): Promise<ScenarioSamples> {
  const fetch = memoryFetch(scenario.reply);
  const entries = scenario.contenders.map((name) => ({ name, operations: CONTENDERS[name].bind(fetch) }));
  const samples: Partial<Record<ContenderName, number[]>> = {};
  for (let round = 0; round < scenario.warmup + scenario.rounds; round++) {
    for (let k = 0; k < entries.length; k++) {
      const { name, operations } = entries[(round + k) % entries.length]!;
      const ms = await timed(scenario, operations, name);
      onRun?.(name, ms);
      if (round >= scenario.warmup) (samples[name] ??= []).push(ms);
    }
  }
  return { id: scenario.id, samples };
}
