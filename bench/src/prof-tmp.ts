import { measure } from './measure.ts';
import { scenarios } from './scenarios.ts';
const which = process.argv[2] ?? 'A-stream-1024';
const who = (process.argv[3] ?? 'parley') as 'parley';
const rounds = Number(process.argv[4] ?? 8);
const s = scenarios('full', [which])[0]!;
s.contenders = [who]; s.warmup = 1; s.rounds = rounds;
const r = await measure(s);
console.log(r.samples[who]!.map((x) => x.toFixed(0)).join(' '));
