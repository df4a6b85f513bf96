// The hand-written minimum: the least work any SDK can do to get the same result.
// Streams: one TextDecoder in stream mode, split on blank lines, JSON.parse of each data
// line, append. Whole replies: fetch and `response.json()`. No checks, no errors, no
// events: an SDK can only be slower than this.
import { SummaryCounter, type ResultLine } from '../batch-results.ts';
import { BATCH_URL, ENDPOINT } from '../memory-fetch.ts';
import { REQUEST } from '../fixtures.ts';
import type { Contender, FinalMessage, Operations } from './contender.ts';

const HEADERS = { 'content-type': 'application/json', 'x-api-key': 'sk-bench', 'anthropic-version': '2023-06-01' };
const STREAM_BODY = { ...REQUEST, stream: true };

interface StreamEvent {
  type: string;
  content_block?: { type: string };
  delta?: { type: string; text?: string; partial_json?: string };
}

/** Calls `onEvent` with each event of a streamed reply. */
async function readEvents(fetch: typeof globalThis.fetch, onEvent: (event: StreamEvent) => void): Promise<void> {
  const response = await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(STREAM_BODY) });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let start = 0;
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n', start)) {
      // Every frame here is one `event:` line then one `data:` line.
      const data = buffer.indexOf('data: ', start) + 6;
      onEvent(JSON.parse(buffer.slice(data, end)) as StreamEvent);
      start = end + 2;
    }
    buffer = buffer.slice(start);
  }
}

/** Streams a reply into its single content block: text appended, tool input appended then parsed. */
async function stream(fetch: typeof globalThis.fetch): Promise<FinalMessage> {
  let type = '';
  let text = '';
  let json = '';
  await readEvents(fetch, (event) => {
    if (event.type === 'content_block_delta') {
      const delta = event.delta!;
      if (delta.type === 'text_delta') text += delta.text!;
      else if (delta.type === 'input_json_delta') json += delta.partial_json!;
    } else if (event.type === 'content_block_start') {
      type = event.content_block!.type;
    }
  });
  return { content: [type === 'text' ? { type, text } : { type, input: JSON.parse(json) }] };
}

export const limit: Contender = {
  name: 'limit',
  bind(fetch): Operations {
    return {
      finalMessage: () => stream(fetch),
      async iterateText() {
        const message = await stream(fetch);
        return message.content[0]!.text!;
      },
      // The least an SDK can do here is not to parse partial input at all: this is the
      // no-listener minimum, which a watched stream can only approach.
      async watchInput() {
        const final = await stream(fetch);
        return { calls: -1, last: undefined, final };
      },
      // The no-listener minimum again: the stream read, its text parsed once.
      async watchOutput() {
        const message = await stream(fetch);
        return { calls: -1, last: undefined, parsed: JSON.parse(message.content[0]!.text!) as unknown };
      },
      // Batch results: the file read straight from its URL, split on newlines, each line parsed.
      async batchResults() {
        const counter = new SummaryCounter();
        const response = await fetch(`${BATCH_URL}/results`, { headers: HEADERS });
        const reader = response.body!.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let start = 0;
          for (let end = buffer.indexOf('\n'); end !== -1; end = buffer.indexOf('\n', start)) {
            counter.add(JSON.parse(buffer.slice(start, end)) as ResultLine);
            start = end + 1;
          }
          buffer = buffer.slice(start);
        }
        return counter.done();
      },
      async create() {
        const response = await fetch(ENDPOINT, { method: 'POST', headers: HEADERS, body: JSON.stringify(REQUEST) });
        return (await response.json()) as FinalMessage;
      },
    };
  },
};
