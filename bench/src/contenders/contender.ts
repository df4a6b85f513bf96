// What each contender (Parley, the official SDK, the hand-written limit) must do, so
// every scenario runs the same operations on all of them.
import type { BatchSummary } from '../batch-results.ts';

/** The part of a final message the checks read. */
export interface FinalMessage {
  content: readonly { type: string; text?: string; input?: unknown }[];
}

/** What an `inputJson` listener saw, and the message the stream ended with. */
export interface WatchedInput {
  /** How many times the listener was called. */
  calls: number;
  /** The partial input it was given last. */
  last: unknown;
  final: FinalMessage;
}

/** What a `parsedOutput` listener saw, and the output the stream ended with. */
export interface WatchedOutput {
  /** How many times the listener was called (-1: no listener). */
  calls: number;
  /** The partial output it was given last. */
  last: unknown;
  /** The final output, parsed. */
  parsed: unknown;
}

/** The operations a scenario times, bound to one client and one `fetch`. */
export interface Operations {
  /** Streams the reply and returns the final message (`messages.stream(params).finalMessage()`). */
  finalMessage(): Promise<FinalMessage>;
  /** Iterates `messages.create({ ...params, stream: true })`, returning the text of the text deltas. */
  iterateText(): Promise<string>;
  /** Streams with an `inputJson` listener. */
  watchInput(): Promise<WatchedInput>;
  /** Streams a structured output (text that is one JSON object) and returns it parsed, with partials where the SDK has them. */
  watchOutput(): Promise<WatchedOutput>;
  /** One non-streamed `messages.create(params)`. */
  create(): Promise<FinalMessage>;
  /** Reads every result of the batch of group F (`batches.results(id)`). */
  batchResults(): Promise<BatchSummary>;
}

/** Client settings a scenario may change; a contender without the setting ignores it. */
export interface BindOptions {
  /** Parley's request validation (on by default). */
  validate?: boolean;
}

/** A contender: its name in the tables, and how to build its operations over a `fetch`. */
export interface Contender {
  name: ContenderName;
  bind(fetch: typeof globalThis.fetch, options?: BindOptions): Operations;
}

export type ContenderName = 'parley' | 'official' | 'limit';
