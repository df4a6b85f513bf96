// One benchmark process: measures the scenarios it is given and prints the samples as
// JSON on stdout (progress goes to stderr). `main.ts` runs several of these, on each
// Node version, from a bundled copy so that Node 20 (no type stripping) runs it too.
import { measure, type ScenarioSamples } from './measure.ts';
import { type Profile, scenarios } from './scenarios.ts';

/** What a worker reports. */
export interface WorkerReport {
  node: string;
  results: ScenarioSamples[];
  facts: Record<string, Record<string, number>>;
}

/** Runs `profile` (limited to the ids starting with one of `only`) in this process; `strict`: see measure.ts. */
export async function runScenarios(profile: Profile, only: readonly string[] | undefined, log: (line: string) => void, strict = false): Promise<WorkerReport> {
  const results: ScenarioSamples[] = [];
  const facts: WorkerReport['facts'] = {};
  for (const scenario of scenarios(profile, only)) {
    const started = performance.now();
    results.push(await measure(scenario, undefined, strict));
    facts[scenario.id] = scenario.facts;
    log(`  ${process.version} ${scenario.id}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return { node: process.version, results, facts };
}

/** Entry point of a worker process: `worker.mjs <profile> [id-prefix,...] [strict]`. */
export async function workerMain(argv: readonly string[]): Promise<void> {
  const profile: Profile = argv[0] === 'quick' ? 'quick' : 'full';
  const only = argv[1] === undefined || argv[1] === '' ? undefined : argv[1].split(',');
  const report = await runScenarios(profile, only, (line) => process.stderr.write(`${line}\n`), argv[2] === 'strict');
  process.stdout.write(JSON.stringify(report));
}
