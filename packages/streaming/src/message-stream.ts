import type { Message, MessageStreamEvent } from '@parley/core';
import { APIUserAbortError, ParleyError } from '@parley/errors';
import type { ByteBody } from './byte-source.js';
import { eventsToJSONLines } from './json-lines.js';
import type { EmittedValue, MessageStreamEvents, MessageStreamOptions } from './message-stream-types.js';
import type { Origin } from './origin.js';
import { StreamEngine } from './stream-engine.js';

const identity = (event: MessageStreamEvent): MessageStreamEvent => event;
const textOf = (event: MessageStreamEvent): string | undefined =>
  event.type === 'content_block_delta' && event.delta.type === 'text_delta' ? event.delta.text : undefined;

/**
 * A streamed reply: an async iterable of its events, a snapshot of the message so far,
 * listeners with the official SDK's names, and promises of the final result. It performs
 * no request: it reads a `Response` (or the promise of one) from any `fetch`, or a bare
 * body of bytes.
 *
 * The body is read on demand: once a listener is attached or a result awaited, or as an
 * iterator pulls, so an iterator started late still sees every event. Breaking out of a
 * `for await` cancels the body. If the stream fails
 * (an `error` event, a dropped connection, an idle timeout), every waiter rejects with
 * a typed error from `@parley/errors` whose `partialMessage` holds what had arrived. It
 * never causes an unhandled rejection, whichever part of it you use.
 *
 * Event types this version does not know are passed through at run time, typed as
 * `MessageStreamEvent`: handle them in a `default:` branch.
 *
 * @example
 * ```ts
 * const response = await fetch('https://api.anthropic.com/v1/messages', { method: 'POST', headers, body });
 * const stream = MessageStream.fromResponse(response);
 * stream.on('text', (delta) => process.stdout.write(delta));
 * const message = await stream.finalMessage();
 * ```
 */
export class MessageStream implements AsyncIterable<MessageStreamEvent> {
  readonly #engine: StreamEngine;

  // Protected rather than private so a subclass (ParsedMessageStream) can be made.
  protected constructor(origin: Origin, options?: MessageStreamOptions) {
    this.#engine = new StreamEngine(origin, options);
  }

  /**
   * Streams a server-sent-events response. A promise of the response may be given, so a
   * client can return the stream at once; a rejected promise (an `APIError`, say) fails
   * the stream. A response with an error status fails it with the matching `APIError`.
   *
   * @example
   * ```ts
   * const stream = MessageStream.fromResponse(fetch(url, init), { idleTimeoutMs: 60_000 });
   * for await (const text of stream.textStream) process.stdout.write(text);
   * ```
   */
  static fromResponse(response: Response | Promise<Response>, options?: MessageStreamOptions): MessageStream {
    return new MessageStream({ response }, options);
  }

  /**
   * Streams a body of bytes: server-sent events (a `Response.body`), or the JSON lines
   * that {@link toReadableStream} writes (so a browser can read what a server relays);
   * a body whose first line starts with `{` is read as JSON lines.
   *
   * @example
   * ```ts
   * const stream = MessageStream.fromReadableStream((await fetch('/api/chat')).body!);
   * ```
   */
  static fromReadableStream(body: ByteBody, options?: MessageStreamOptions): MessageStream {
    return new MessageStream({ body }, options);
  }

  /** The controller that aborts the request (the one given in the options, or the stream's own). */
  get controller(): AbortController {
    return this.#engine.controller;
  }

  /** The response, once it has arrived (`undefined` for `fromReadableStream`). */
  get response(): Response | undefined {
    return this.#engine.response;
  }

  /** The `request-id` header of the response, when there is one. */
  get requestId(): string | undefined {
    return this.#engine.requestId;
  }

  /** The message so far, from `message_start` on; updated in place as events arrive. */
  get currentMessage(): Message | undefined {
    return this.#engine.messages.snapshot;
  }

  /** Whether the stream has ended, well or not. */
  get ended(): boolean {
    return !this.#engine.running;
  }

  /** Whether the stream failed (aborts included). */
  get errored(): boolean {
    return this.#engine.failed;
  }

  /** Whether the stream was aborted. */
  get aborted(): boolean {
    return APIUserAbortError.isInstance(this.#engine.error);
  }

  /**
   * Adds a listener (the stream starts reading). Chainable.
   * @example stream.on('text', (delta, textSoFar) => render(textSoFar));
   */
  on<K extends keyof MessageStreamEvents>(event: K, listener: MessageStreamEvents[K]): this {
    this.#engine.listeners.add(event, listener, false);
    this.#engine.demand();
    return this;
  }

  /** Removes one registration of a listener. Chainable. */
  off<K extends keyof MessageStreamEvents>(event: K, listener: MessageStreamEvents[K]): this {
    this.#engine.listeners.remove(event, listener);
    return this;
  }

  /** Adds a listener called at most once. Chainable. */
  once<K extends keyof MessageStreamEvents>(event: K, listener: MessageStreamEvents[K]): this {
    this.#engine.listeners.add(event, listener, true);
    this.#engine.demand();
    return this;
  }

  /**
   * Resolves with the arguments of the next emission of `event`. Rejects with the
   * stream's error if it fails first, or if it ends without emitting `event`.
   * @example const message = await stream.emitted('message');
   */
  emitted<K extends keyof MessageStreamEvents>(event: K): Promise<EmittedValue<K>> {
    const engine = this.#engine;
    return new Promise((resolve, reject) => {
      if (!engine.running) {
        if (event === 'end') resolve(undefined as EmittedValue<K>);
        else reject(engine.error ?? new ParleyError(`The stream has already ended; "${event}" will not be emitted.`));
        return;
      }
      const listener = (...args: unknown[]): void => {
        resolve((args.length === 0 ? undefined : args.length === 1 ? args[0] : args) as EmittedValue<K>);
      };
      engine.listeners.add(event, listener, true);
      if (event !== 'end') {
        engine.listeners.add(
          'end',
          () => {
            engine.listeners.remove(event, listener);
            reject(engine.error ?? new ParleyError(`The stream ended without emitting "${event}".`));
          },
          true,
        );
      }
      engine.demand();
    });
  }

  /** Resolves when the stream has ended well; rejects with its error otherwise. */
  done(): Promise<void> {
    return this.#engine.settled();
  }

  /**
   * The complete message (the last one, should a stream hold several).
   * @example const { content, usage } = await stream.finalMessage();
   */
  async finalMessage(): Promise<Message> {
    await this.#engine.settled();
    const final = this.#engine.messages.final;
    // A stream only ends well with a message; this guards against a broken invariant.
    if (final === undefined) throw new ParleyError('The stream ended without a message.');
    return final;
  }

  /**
   * The text of the final message: its text blocks joined with no separator (the
   * official SDK joins them with a space, which splits words where citations split a
   * sentence into blocks). An empty string when there is no text block.
   */
  async finalText(): Promise<string> {
    const message = await this.finalMessage();
    let text = '';
    for (const block of message.content) if (block.type === 'text') text += block.text;
    return text;
  }

  /** Aborts the stream and the request: waiters reject with `APIUserAbortError`, `abort` and `end` are emitted. */
  abort(): void {
    this.#engine.abort();
  }

  /**
   * The events from now on, known and unknown, in order. Leaving the loop early cancels
   * the body: after `message_stop` the stream still ends well, before it it is aborted.
   * @example for await (const event of stream) if (event.type === 'message_stop') break;
   */
  [Symbol.asyncIterator](): AsyncIterableIterator<MessageStreamEvent> {
    return this.#engine.subscribe(identity);
  }

  /**
   * The text deltas only, in order. Leaving the loop early cancels the body.
   * @example for await (const text of stream.textStream) process.stdout.write(text);
   */
  get textStream(): AsyncIterable<string> {
    return { [Symbol.asyncIterator]: () => this.#engine.subscribe(textOf) };
  }

  /**
   * The events as bytes of JSON lines (one JSON event per line, as the official SDK
   * writes them), for a `Response` body handed to a browser; {@link fromReadableStream}
   * reads them back. Cancelling the byte stream cancels this stream.
   *
   * @example
   * ```ts
   * return new Response(stream.toReadableStream(), { headers: { 'content-type': 'application/x-ndjson' } });
   * ```
   */
  toReadableStream(): ReadableStream<Uint8Array> {
    return eventsToJSONLines(this[Symbol.asyncIterator]());
  }
}
