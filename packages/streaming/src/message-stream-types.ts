import type { ContentBlock, Message, MessageStreamEvent, TextCitation } from '@parley/core';
import type { APIUserAbortError, ParleyError } from '@parley/errors';

/** Options of {@link MessageStream.fromResponse} and {@link MessageStream.fromReadableStream}. */
export interface MessageStreamOptions {
  /** Aborts the stream when it fires, as `stream.abort()` does. */
  signal?: AbortSignal;
  /**
   * The controller whose signal was given to `fetch`: `stream.abort()` aborts it, so the
   * request itself stops, and it is exposed as `stream.controller`. When it is aborted
   * from outside, the stream fails with its reason if that is a Parley error (a client
   * timeout, say) and with `APIUserAbortError` otherwise. One is created when absent.
   */
  controller?: AbortController;
  /**
   * Fails the stream with `APITimeoutError` (carrying `partialMessage`) when a wait for
   * the next chunk of the body lasts this many milliseconds. Only waits for the server
   * count: a consumer that is slow to take events never trips it. Off when absent.
   */
  idleTimeoutMs?: number;
}

/**
 * The listeners a {@link MessageStream} calls, with the official SDK's names and
 * arguments. While the stream runs, a listener that throws fails the stream with that
 * error (wrapped in a `ParleyError`); what `error`, `abort` and `end` listeners throw is
 * ignored, since the stream has already ended.
 */
export interface MessageStreamEvents {
  /** The response arrived (at once for `fromReadableStream`). */
  connect: () => void;
  /** Every event from `message_start` on, with the snapshot after it. */
  streamEvent: (event: MessageStreamEvent, snapshot: Message) => void;
  /** A `text_delta`, with the text of its block so far. */
  text: (textDelta: string, textSnapshot: string) => void;
  /** A `citations_delta`, with the citations of its block so far. */
  citation: (citation: TextCitation, citationsSnapshot: TextCitation[]) => void;
  /** An `input_json_delta`, with the tool input parsed so far (incrementally, linear in its size). */
  inputJson: (partialJson: string, jsonSnapshot: unknown) => void;
  /** A `thinking_delta`, with the thinking of its block so far. */
  thinking: (thinkingDelta: string, thinkingSnapshot: string) => void;
  /** A `signature_delta`. */
  signature: (signature: string) => void;
  /** A block is complete (`content_block_stop`). */
  contentBlock: (content: ContentBlock) => void;
  /** A message is complete (`message_stop`). */
  message: (message: Message) => void;
  /** The body ended and the last message is complete. */
  finalMessage: (message: Message) => void;
  /** The stream failed; the error carries `partialMessage` when data had arrived. */
  error: (error: ParleyError) => void;
  /** The stream was aborted (`abort()`, the signal, or a `break` out of a loop). */
  abort: (error: APIUserAbortError) => void;
  /** The very last event, after `finalMessage`, `error` or `abort`. */
  end: () => void;
}

/** What `stream.emitted(name)` resolves with: the listener's one argument, its arguments, or nothing. */
export type EmittedValue<K extends keyof MessageStreamEvents> =
  Parameters<MessageStreamEvents[K]> extends [infer Only] ? Only
  : Parameters<MessageStreamEvents[K]> extends [] ? undefined
  : Parameters<MessageStreamEvents[K]>;
