import Parley, { outputFormat } from '@parley/sdk';
import { BATCH_ID, SummaryCounter } from '../batch-results.ts';
import { BASE_URL } from '../memory-fetch.ts';
import { REQUEST } from '../fixtures.ts';
import type { Contender, Operations } from './contender.ts';

/** Parley with its default options; only the key, the base URL and the in-memory fetch are given. */
export const parley: Contender = {
  name: 'parley',
  bind(fetch, options): Operations {
    const client = new Parley({ apiKey: 'sk-bench', baseURL: BASE_URL, fetch, ...(options?.validate === undefined ? {} : { validate: options.validate }) });
    return {
      finalMessage: () => client.messages.stream(REQUEST).finalMessage(),
      async iterateText() {
        let text = '';
        for await (const event of await client.messages.create({ ...REQUEST, stream: true })) {
          if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
        }
        return text;
      },
      async watchInput() {
        let calls = 0;
        let last: unknown;
        const stream = client.messages.stream(REQUEST).on('inputJson', (_partial, snapshot) => {
          calls++;
          last = snapshot;
        });
        const final = await stream.finalMessage();
        return { calls, last, final };
      },
      // A plain JSON Schema format: the output is parsed, not checked, as for the others.
      async watchOutput() {
        let calls = 0;
        let last: unknown;
        const format = outputFormat({ type: 'object' });
        const stream = client.messages.stream({ ...REQUEST, output_config: { format } }, { structuredOutput: 'native' }).on('parsedOutput', (partial) => {
          calls++;
          last = partial;
        });
        const { parsed_output } = await stream.finalMessage();
        return { calls, last, parsed: parsed_output };
      },
      create: () => client.messages.create(REQUEST),
      async batchResults() {
        const counter = new SummaryCounter();
        for await (const line of client.messages.batches.results(BATCH_ID)) counter.add(line);
        return counter.done();
      },
    };
  },
};
