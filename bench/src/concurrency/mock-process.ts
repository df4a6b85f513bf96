// Group D's server: @parley/mock over HTTP on 127.0.0.1, in a process of its own, so the
// client process measured beside it pays for none of its work. Every request gets the
// reply of fixture.ts as a scripted body: the first `warmup` at once, the next `n` half
// sent then stalled (the memory phase), the last `n` dripped (the timed phase). It
// prints its URL, and when its stdin closes it prints how many requests it saw (a retry
// would show here) and exits.
import { startMockServer, type MockFault } from '@parley/mock';
import { CHUNK_BYTES, concurrencyReply, dripMs } from './fixture.ts';

const { n, warmup } = JSON.parse(process.argv[2] ?? '{}') as { n: number; warmup: number };
const reply: MockFault = {
  status: 200,
  headers: { 'content-type': 'text/event-stream; charset=utf-8' },
  body: concurrencyReply().sse,
  chunkSize: CHUNK_BYTES,
};
const times = (count: number, fault: MockFault) => Array.from({ length: count }, () => fault);
const faults = [...times(warmup, reply), ...times(n, { ...reply, stallAfterEvents: 1 }), ...times(n, { ...reply, dripMs: dripMs(n) })];
const server = await startMockServer({ faults });
process.stdout.write(`${server.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  const requests = server.requests.length;
  void server.close().then(() => {
    process.stdout.write(`${JSON.stringify({ requests })}\n`);
  });
});
