// One contender of group D in a process of its own (so CPU time and memory are its
// alone): `client-process.mjs <contender> <mock URL> <n> <warmup>`, run with --expose-gc.
// After a warm-up, two phases of `n` concurrent `messages.stream()` calls (the limit:
// fetch and its decoder) to the mock over real HTTP:
// - memory: the mock sends each stream half its reply, then stalls. Once all `n` are
//   open and the process is idle, a forced collection, then the heap and RSS minus the
//   same after the warm-up, divided by `n`: what one open stream holds, half-way through
//   a 2,000-token reply. Then every stream is aborted (through the fetch's signal).
// - time: the mock drips the whole reply to each stream; wall time and CPU time until
//   every final message is in and checked, with peak heap and RSS sampled meanwhile.
// It prints one JSON line.
import { checkText } from '../check.ts';
import type { Contender, ContenderName } from '../contenders/contender.ts';
import { limit } from '../contenders/limit.ts';
import { official } from '../contenders/official.ts';
import { parley } from '../contenders/parley.ts';
import { BASE_URL } from '../memory-fetch.ts';
import { concurrencyReply } from './fixture.ts';

/** What one client process reports. */
export interface ClientReport {
  contender: ContenderName;
  n: number;
  wallMs: number;
  cpuMs: number;
  /** Peak resident set size of the process (the kernel's maxRSS). */
  peakRss: number;
  /** Peak heap used while the timed phase ran (sampled every 20 ms). */
  peakHeap: number;
  heapPerStream: number;
  rssPerStream: number;
  /** Time from the first call of the timed phase until the last response's headers arrived. */
  allOpenMs: number;
  /** How many of the timed phase's streams were open at once at most. */
  maxOpen: number;
}

const CONTENDERS: Record<ContenderName, Contender> = { parley, official, limit };
const SAMPLE_EVERY_MS = 20;

const [name = '', url = '', nText, warmupText] = process.argv.slice(2);
const n = Number(nText);
const warmup = Number(warmupText);
const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('client-process: run node with --expose-gc');
const gc = (): void => {
  collect();
  collect();
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let responses = 0;
let phase = new AbortController();
// Every contender is given this fetch: the bench's base URL pointed at the mock, the
// phase's signal added (to abort the stalled streams), and a count of the responses.
const countingFetch: typeof fetch = async (input, init) => {
  const target = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!target.startsWith(BASE_URL) || input instanceof Request) throw new Error(`client-process: unexpected request ${target}`);
  const signal = init?.signal ? AbortSignal.any([init.signal, phase.signal]) : phase.signal;
  const response = await fetch(url + target.slice(BASE_URL.length), { ...init, signal });
  responses++;
  return response;
};

const operations = CONTENDERS[name as ContenderName].bind(countingFetch);
const check = checkText(concurrencyReply().text);
let ended = 0;
const streams = (count: number) =>
  Array.from({ length: count }, async () => {
    const message = await operations.finalMessage();
    ended++;
    check(message);
  });

/** Resolves once `count` responses have arrived. */
async function responsesReach(count: number): Promise<void> {
  while (responses < count) await sleep(5);
}

/** Resolves once the process has used under 2% of a CPU for 100 ms: every byte sent has been read. */
async function idle(): Promise<void> {
  for (;;) {
    const before = process.cpuUsage();
    await sleep(100);
    const used = process.cpuUsage(before);
    if (used.user + used.system < 2_000) return;
  }
}

await Promise.all(streams(warmup));
gc();
const base = process.memoryUsage();

// Memory: n streams open, each half-way through its reply.
const stalled = streams(n);
await responsesReach(warmup + n);
await idle();
gc();
const open = process.memoryUsage();
if (ended !== warmup) throw new Error(`client-process: ${ended - warmup} stalled streams ended before they were aborted`);
phase.abort(new Error('the memory phase is over'));
const outcomes = await Promise.allSettled(stalled);
if (outcomes.some((outcome) => outcome.status === 'fulfilled')) throw new Error('client-process: a stalled stream ended normally');
phase = new AbortController();
gc();

// Time: n streams, each dripped its whole reply.
let peakHeap = 0;
let maxOpen = 0;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  maxOpen = Math.max(maxOpen, responses - warmup - n - (ended - warmup));
}, SAMPLE_EVERY_MS);
ended = warmup;
const cpuStart = process.cpuUsage();
const start = performance.now();
let allOpenMs = Number.NaN;
void responsesReach(warmup + 2 * n).then(() => {
  allOpenMs = performance.now() - start;
  maxOpen = Math.max(maxOpen, responses - warmup - n - (ended - warmup));
});
await Promise.all(streams(n));
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
clearInterval(sampler);

const report: ClientReport = {
  contender: name as ContenderName,
  n,
  wallMs,
  cpuMs: (cpu.user + cpu.system) / 1000,
  peakRss: process.resourceUsage().maxRSS * 1024,
  peakHeap,
  heapPerStream: (open.heapUsed - base.heapUsed) / n,
  rssPerStream: (open.rss - base.rss) / n,
  allOpenMs,
  maxOpen,
};
process.stdout.write(`${JSON.stringify(report)}\n`);
