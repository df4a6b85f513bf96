import Anthropic from '@anthropic-ai/sdk';
import { BATCH_ID, SummaryCounter } from '../batch-results.ts';
import { BASE_URL } from '../memory-fetch.ts';
import { REQUEST } from '../fixtures.ts';
import type { Contender, Operations } from './contender.ts';

/** The official SDK with its default options; only the key, the base URL and the in-memory fetch are given. */
export const official: Contender = {
  name: 'official',
  bind(fetch): Operations {
    const client = new Anthropic({ apiKey: 'sk-bench', baseURL: BASE_URL, fetch });
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
      // No partial objects: the final text, parsed once.
      async watchOutput() {
        const message = await client.messages.stream(REQUEST).finalMessage();
        const block = message.content[0];
        return { calls: -1, last: undefined, parsed: JSON.parse(block?.type === 'text' ? block.text : '') as unknown };
      },
      create: () => client.messages.create(REQUEST),
      async batchResults() {
        const counter = new SummaryCounter();
        for await (const line of await client.messages.batches.results(BATCH_ID)) counter.add(line);
        return counter.done();
      },
    };
  },
};
