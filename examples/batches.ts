// Message Batches: many requests processed asynchronously at half the price. Creates a
// batch, waits for it while printing its progress, then reads the results as they stream.
//
//   node examples/batches.ts
//
// With no API settings in the environment it runs against the local mock, whose batches
// take two seconds; Anthropic's take minutes to hours (at most 24), so the polling
// interval grows up to 30 seconds there.
import type { Parley } from '@parley/sdk';
import { model, runExample } from './run-example.ts';

const questions = ['What is the capital of France?', 'Name a prime number above 100.', 'What colour is the sky at noon?', 'Who wrote Hamlet?'];

async function main(client: Parley): Promise<void> {
  console.log('1. Creating a batch of four questions:\n');
  const batch = await client.messages.batches.create({
    requests: questions.map((question, i) => ({
      custom_id: `question-${i + 1}`,
      params: { model, max_tokens: 128, messages: [{ role: 'user', content: question }] },
    })),
  });
  console.log(`   ${batch.id}: ${batch.processing_status}, ${batch.request_counts.processing} requests processing\n`);

  console.log('2. Waiting for it to end:\n');
  const ended = await client.messages.batches.wait(batch.id, {
    pollIntervalMs: 250,
    maxPollIntervalMs: 30_000,
    onProgress: ({ request_counts: counts }) => {
      console.log(`   ${counts.succeeded + counts.errored} of ${questions.length} done (${counts.succeeded} succeeded, ${counts.errored} errored)`);
    },
  });
  console.log(`   ended at ${String(ended.ended_at)}\n`);

  console.log('3. Reading the results as they stream:\n');
  for await (const { custom_id, result } of client.messages.batches.results(ended.id)) {
    if (result.type === 'succeeded') {
      const text = result.message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      console.log(`   ${custom_id}: ${text.slice(0, 60)}${text.length > 60 ? '…' : ''}`);
    } else if (result.type === 'errored') {
      console.log(`   ${custom_id}: error ${result.error.error.type}: ${result.error.error.message}`);
    } else {
      console.log(`   ${custom_id}: ${result.type}`);
    }
  }
  console.log();
}

await runExample(main, { batches: { processingDelayMs: 2000 } });
