// Runs one scenario for one contender, to profile it:
//   node --cpu-prof bench/src/profile.ts A-stream-1024 parley [rounds]
// Prints each run's wall time in ms. Scenario ids are the ones `pnpm bench` prints.
import type { ContenderName } from './contenders/contender.ts';
import { measure } from './measure.ts';
import { scenarioIds, scenarios } from './scenarios.ts';

const [id = 'A-stream-1024', name = 'parley', rounds = '8'] = process.argv.slice(2);
const scenario = scenarios('full', [id]).find((candidate) => candidate.id === id);
if (scenario === undefined) throw new Error(`no scenario ${id}; the scenarios are ${scenarioIds('full').join(', ')}`);
if (!['parley', 'official', 'limit'].includes(name)) throw new Error(`no contender ${name}; the contenders are parley, official and limit`);
const contender = name as ContenderName;
const result = await measure({ ...scenario, contenders: [contender], warmup: 1, rounds: Number(rounds) });
console.log(`${id} ${contender}: ${(result.samples[contender] ?? []).map((ms) => ms.toFixed(1)).join(' ')} ms`);
