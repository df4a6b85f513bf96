// The bulk runner: any number of requests (here 250,000 generated ones, read lazily),
// packed into as many batches as the API's limits need (100,000 requests or 256 MB
// each), submitted a few at a time, with every result yielded as it is downloaded. The
// batch ids are kept as they are created, so an interrupted run can be resumed with
// `run(requests, { resume: ids })` without sending anything twice.
//
//   node examples/batches-bulk.ts [count]
//
// With no API settings in the environment it runs against the local mock. Against
// Anthropic, 250,000 requests cost real money: pass a small count first.
import type { MessageBatchRequest, Parley } from '@parley/sdk';
import { model, runExample } from './run-example.ts';

const count = Number(process.argv[2] ?? 250_000);

// A generator function, not an array: the runner reads the input twice (once to check
// every request and refuse duplicate ids before sending anything, once to send), and
// never holds more than one batch of it.
function* requests(): Generator<MessageBatchRequest> {
  for (let i = 0; i < count; i++) {
    yield { custom_id: `row-${i}`, params: { model, max_tokens: 16, messages: [{ role: 'user', content: `Classify row ${i}: positive or negative?` }] } };
  }
}

async function main(client: Parley): Promise<void> {
  console.log(`Running ${count.toLocaleString('en')} requests as batches:\n`);
  const created: string[] = [];
  const byType = new Map<string, number>();
  let read = 0;
  const started = performance.now();
  for await (const { result } of client.messages.batches.run(requests, {
    concurrency: 3,
    pollIntervalMs: 250,
    maxPollIntervalMs: 30_000,
    // Persist these (a file, a database) to resume after a crash.
    onBatchCreated: (batch) => {
      created.push(batch.id);
      const requestCount = Object.values(batch.request_counts).reduce((sum, n) => sum + n, 0);
      console.log(`   created ${batch.id} with ${requestCount.toLocaleString('en')} requests`);
    },
  })) {
    byType.set(result.type, (byType.get(result.type) ?? 0) + 1);
    read++;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`\n   ${read.toLocaleString('en')} results from ${created.length} batches in ${seconds} s: ${[...byType].map(([type, n]) => `${n.toLocaleString('en')} ${type}`).join(', ')}\n`);
}

await runExample(main);
