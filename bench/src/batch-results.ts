// Group F: reading a message batch's results (JSON Lines) from the in-memory fetch. The
// fixture is a results file of `count` lines (succeeded messages of about 2 KB, with some
// errored, canceled and expired ones), cut into 64 KiB chunks; a run reads every line
// and sums what the check compares. Peak heap growth is sampled while reading (every
// 1,000 lines), so an SDK that holds the body (or the results) shows it.
import { getHeapSpaceStatistics } from 'node:v8';
import { pick, seededRandom } from './random.ts';

/**
 * The heap outside the young generation. Short-lived garbage (every line a reader parses
 * and drops) fills the young generation up to its size, tens of MB, before a scavenge,
 * whatever the reader holds; what a reader keeps (a body, a list of results) is
 * promoted and shows here.
 */
function heapBeyondYoung(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) if (space.space_name !== 'new_space') used += space.space_used_size;
  return used;
}

/** The batch every contender reads. */
export const BATCH_ID = 'msgbatch_bench_0001';

/** What a run returns: what it read, and how much the heap grew meanwhile. */
export interface BatchSummary {
  results: number;
  succeeded: number;
  outputTokens: number;
  /** The largest heap outside the young generation seen while reading, minus that at the start. */
  peakHeapGrowth: number;
}

/** One result line, as far as a run reads it. */
export interface ResultLine {
  custom_id: string;
  result: { type: string; message?: { usage: { output_tokens: number } } };
}

/** Counts results and samples the heap every 1,000 of them. */
export class SummaryCounter {
  readonly #start = heapBeyondYoung();
  #peak = 0;
  readonly summary: BatchSummary = { results: 0, succeeded: 0, outputTokens: 0, peakHeapGrowth: 0 };

  add(line: ResultLine): void {
    const summary = this.summary;
    summary.results++;
    if (line.result.type === 'succeeded') {
      summary.succeeded++;
      summary.outputTokens += line.result.message!.usage.output_tokens;
    }
    if (summary.results % 1000 === 0) this.#sample();
  }

  #sample(): void {
    this.#peak = Math.max(this.#peak, heapBeyondYoung() - this.#start);
  }

  done(): BatchSummary {
    this.#sample();
    this.summary.peakHeapGrowth = this.#peak;
    return this.summary;
  }
}

const WORDS = ['the', 'batch', 'of', 'results', 'arrives', 'as', 'lines', 'naïve', 'café', '東京', '🚀', '"quoted"', 'back\\slash', 'line\nbreak'];

/** The results file and its ground truth. */
export interface BatchFixture {
  /** The batch, as `GET /v1/messages/batches/{id}` answers. */
  batch: Uint8Array<ArrayBuffer>;
  chunks: Uint8Array[];
  expected: Omit<BatchSummary, 'peakHeapGrowth'>;
}

/** Builds a results file of `count` lines. */
export function batchFixture(options: { count: number; seed?: number }): BatchFixture {
  const random = seededRandom(options.seed ?? 7);
  const encoder = new TextEncoder();
  const chunkSize = 64 * 1024;
  const chunks: Uint8Array[] = [];
  let pending: string[] = [];
  let pendingLength = 0;
  const expected = { results: options.count, succeeded: 0, outputTokens: 0 };
  const flush = () => {
    const bytes = encoder.encode(pending.join(''));
    for (let at = 0; at < bytes.length; at += chunkSize) chunks.push(bytes.slice(at, at + chunkSize));
    pending = [];
    pendingLength = 0;
  };
  for (let i = 0; i < options.count; i++) {
    const roll = random();
    let result: unknown;
    if (roll < 0.94) {
      let text = '';
      while (text.length < 1700) text += pick(random, WORDS) + ' ';
      const outputTokens = 300 + Math.floor(random() * 200);
      expected.succeeded++;
      expected.outputTokens += outputTokens;
      result = {
        type: 'succeeded',
        message: {
          id: `msg_bench_${i}`,
          type: 'message',
          role: 'assistant',
          model: 'claude-bench-1',
          content: [{ type: 'text', text }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 17, output_tokens: outputTokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
        },
      };
    } else if (roll < 0.97) {
      result = { type: 'errored', error: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Input should be greater than or equal to 1' }, request_id: `req_${i}` } };
    } else {
      result = { type: roll < 0.99 ? 'canceled' : 'expired' };
    }
    const line = `${JSON.stringify({ custom_id: `request-${i}`, result })}\n`;
    pending.push(line);
    pendingLength += line.length;
    // Encoded in slices of a few MB, so building 200 MB never holds it twice as one string.
    if (pendingLength > 4_000_000) flush();
  }
  flush();
  const batch = {
    id: BATCH_ID,
    type: 'message_batch',
    processing_status: 'ended',
    request_counts: { processing: 0, succeeded: expected.succeeded, errored: 0, canceled: 0, expired: 0 },
    created_at: '2026-01-01T00:00:00Z',
    expires_at: '2026-01-02T00:00:00Z',
    ended_at: '2026-01-01T01:00:00Z',
    archived_at: null,
    cancel_initiated_at: null,
    results_url: `http://bench.invalid/v1/messages/batches/${BATCH_ID}/results`,
  };
  return { batch: encoder.encode(JSON.stringify(batch)), chunks, expected };
}
