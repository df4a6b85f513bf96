import type { MessageStreamEvent } from '@parley/core';
import { APITimeoutError, APIUserAbortError, fromStreamError, ParleyError } from '@parley/errors';
import { type ByteBody, type ByteSource, openByteSource } from './byte-source.js';
import { emitEvent } from './emit-event.js';
import { IdleTimer } from './idle-timer.js';
import { Listeners } from './listeners.js';
import type { MessageStreamEvents, MessageStreamOptions } from './message-stream-types.js';
import { MessageTracker } from './message-tracker.js';
import { type Origin, openOrigin } from './origin.js';
import { parseEvent } from './parse-event.js';
import { SSEDecoder } from './sse-decoder.js';
import type { FrameSink } from './sse-parser.js';
import { isAbortError, toReadError, toStreamError } from './stream-errors.js';
import { Subscribers, type SubscriptionSource } from './subscribers.js';
import { watchSignal } from './watch-signal.js';

const RUNNING = 0;
const DONE = 1;
const FAILED = 2;

/**
 * The machinery behind a MessageStream: reads the body, decodes frames, folds events
 * into the snapshot, feeds listeners and iterators, and ends exactly once.
 *
 * The body is read only on demand: continuously once anything listens or awaits a
 * result, one chunk at a time while only iterators pull. A stream nobody consumes reads
 * nothing, and an iterator started late still sees every event.
 */
export class StreamEngine implements FrameSink, SubscriptionSource {
  readonly listeners = new Listeners<MessageStreamEvents>();
  /** The message so far (`snapshot`) and the last complete one (`final`). */
  readonly messages = new MessageTracker();
  readonly controller: AbortController;
  response: Response | undefined = undefined;
  requestId: string | undefined = undefined;
  error: ParleyError | undefined = undefined;
  state = RUNNING;

  readonly #connected: Promise<ByteBody | undefined>;
  readonly #idle: IdleTimer | undefined;
  // Made with the engine, not when reading starts, so the idle engine below keeps its shapes too.
  readonly #decoder: SSEDecoder;
  readonly #unwatch: (() => void)[] = [];
  readonly #subscribers = new Subscribers(this);
  #waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  #started = false;
  #drain = false;
  #wake: (() => void) | undefined = undefined;
  #body: ByteBody | undefined = undefined;
  #source: ByteSource | undefined = undefined;

  constructor(origin: Origin, options: MessageStreamOptions = {}) {
    keepShapes();
    this.controller = options.controller ?? new AbortController();
    const idleMs = options.idleTimeoutMs;
    if (idleMs !== undefined && idleMs > 0 && Number.isFinite(idleMs)) {
      this.#idle = new IdleTimer(idleMs, () => {
        this.fail(new APITimeoutError({ timeoutMs: idleMs, message: `No data arrived on the stream for ${idleMs} ms.` }));
      });
    }
    this.#decoder = new SSEDecoder(this, { jsonLines: 'body' in origin });
    const opened = openOrigin(origin, (response) => {
      if (!this.#isRunning()) return false;
      this.response = response;
      this.requestId = response.headers.get('request-id') ?? response.headers.get('x-request-id') ?? undefined;
      return true;
    });
    // Never rejects: whoever reads the stream (or nobody) learns of a failure from its state.
    this.#connected = opened.then(
      (body) => this.#connect(body),
      (error: unknown) => {
        this.#failRead(error);
        return undefined;
      },
    );
    for (const signal of [options.signal, this.controller.signal]) {
      if (signal !== undefined) this.#unwatch.push(watchSignal(signal, this.#onAbortSignal));
    }
  }

  get running(): boolean {
    return this.#isRunning();
  }

  get failed(): boolean {
    return this.state === FAILED;
  }

  /** Something listens or awaits a result: read the body continuously from now on. */
  demand(): void {
    this.#drain = true;
    this.#start();
    this.pull();
  }

  /** Settles when the stream ends: resolved on success, rejected with its error. */
  settled(): Promise<void> {
    this.demand();
    if (this.state === DONE) return Promise.resolve();
    if (this.state === FAILED) return Promise.reject(this.error ?? new ParleyError('The stream failed.'));
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  /** A new iterator over the events from now on, each passed through `map` (undefined skips it). */
  subscribe<T>(map: (event: MessageStreamEvent) => T | undefined): AsyncIterableIterator<T> {
    const iterator = this.#subscribers.add(map);
    // A stream that has ended gives a new iterator its end (or error) at once.
    if (!this.#isRunning()) this.#subscribers.close(this.error === undefined ? undefined : { value: this.error });
    this.#start();
    return iterator;
  }

  /** Ends the stream with `error`; the first end wins, later ones are ignored. */
  fail(cause: unknown): void {
    if (!this.#isRunning()) return;
    const error = toStreamError(cause);
    // An abort that reached us as a read error (the signal's reason) is given to `abort` listeners as a fresh one.
    if (APIUserAbortError.isInstance(error)) this.#end(error, new APIUserAbortError({ message: error.message, cause: error }));
    else this.#end(error, undefined);
  }

  // An iterator left its loop early: the rest is not wanted, and the body is cancelled. After
  // message_stop the message is whole and the stream ends well; before, it is an abort.
  leave(): void {
    if (!this.#isRunning()) return;
    if (!this.messages.stopped) {
      this.abort();
      return;
    }
    this.#cancelBody(undefined);
    this.#complete();
  }

  #failRead(error: unknown): void {
    if (isAbortError(error)) this.abort(error);
    else this.fail(toReadError(error));
  }

  /** Aborts the stream and the request. */
  abort(cause?: unknown): void {
    if (this.#isRunning()) this.#end(undefined, new APIUserAbortError(cause === undefined ? {} : { cause }));
  }

  #end(error: ParleyError | undefined, abort: APIUserAbortError | undefined): void {
    const final: ParleyError = abort ?? error ?? new ParleyError('The stream failed.');
    this.state = FAILED;
    this.error = final;
    if (this.messages.snapshot !== undefined && final.partialMessage === undefined) final.partialMessage = this.messages.snapshot;
    // Ours to stop: tell fetch, so the connection closes rather than idles.
    if ((abort !== undefined || APITimeoutError.isInstance(final)) && !this.controller.signal.aborted) this.controller.abort(final);
    this.#cancelBody(final);
    this.#settle(final);
    if (abort === undefined) this.listeners.emitQuietly('error', final);
    else this.listeners.emitQuietly('abort', abort);
    this.listeners.emitQuietly('end');
  }

  // A method, not a property test, so checks after an await are not narrowed away.
  #isRunning(): boolean {
    return this.state === RUNNING;
  }

  #start(): void {
    if (this.#started) return;
    this.#started = true;
    void this.#run();
  }

  /** An iterator waits for an event, or the stream ends: a read loop asleep wakes. */
  pull(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async #run(): Promise<void> {
    try {
      const body = await this.#connected;
      if (body === undefined || !this.#isRunning()) return;
      const source = (this.#source = openByteSource(body));
      for (;;) {
        if (!this.#drain && !this.#subscribers.hungry) {
          await new Promise<void>((resolve) => (this.#wake = resolve));
        }
        if (!this.#isRunning()) return;
        this.#idle?.waiting();
        let result;
        try {
          result = await source.read();
        } catch (error) {
          this.#failRead(error);
          return;
        }
        this.#idle?.received();
        if (!this.#isRunning()) return;
        if (result.done) break;
        if (result.value) this.#decoder.push(result.value);
      }
      this.#decoder.end();
      this.#complete();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Takes one frame from the decoder. */
  frame(name: string | undefined, data: string): void {
    // A frame after a failure in the same chunk belongs to a stream that has ended.
    if (!this.#isRunning() || data === '' || data === '[DONE]') return;
    const event = parseEvent(name, data) as MessageStreamEvent;
    const type = event.type as string;
    if (type === 'error') {
      this.fail(fromStreamError(event, { partialMessage: this.messages.snapshot, headers: this.response?.headers, requestId: this.requestId }));
      return;
    }
    const snapshot = this.messages.take(event);
    this.#subscribers.deliver(event);
    if (snapshot !== undefined) emitEvent(this.listeners, event, snapshot);
  }

  #complete(): void {
    if (!this.#isRunning()) return;
    const end = this.messages.end();
    if ('error' in end) {
      this.fail(end.error);
      return;
    }
    if (end.implied) this.listeners.emit('message', end.message);
    this.listeners.emit('finalMessage', end.message);
    if (!this.#isRunning()) return;
    this.state = DONE;
    this.#settle(undefined);
    this.listeners.emitQuietly('end');
  }

  #connect(body: ByteBody | ParleyError | undefined): ByteBody | undefined {
    if (body === undefined) return undefined;
    if (ParleyError.isInstance(body)) {
      this.fail(body);
      return undefined;
    }
    if (!this.#isRunning()) {
      // Aborted while the request was on its way: free the connection.
      void openByteSource(body).cancel();
      return undefined;
    }
    this.#body = body;
    try {
      this.listeners.emit('connect');
    } catch (error) {
      this.fail(error);
      return undefined;
    }
    return body;
  }

  // A Parley error as the reason (a client's timeout) is that error; anything else is an abort.
  readonly #onAbortSignal = (reason: unknown): void => {
    if (ParleyError.isInstance(reason) && !APIUserAbortError.isInstance(reason)) this.fail(reason);
    else this.abort(reason);
  };

  #cancelBody(reason: unknown): void {
    if (this.#source !== undefined) void this.#source.cancel(reason);
    else if (this.#body !== undefined) void openByteSource(this.#body).cancel(reason);
  }

  /** Stops the timer and the signal watchers, lets the read loop exit, and ends iterators and waiters: with `error`, or well. */
  #settle(error: ParleyError | undefined): void {
    this.#idle?.stop();
    for (const unwatch of this.#unwatch) unwatch();
    this.#unwatch.length = 0;
    this.pull();
    this.#subscribers.close(error === undefined ? undefined : { value: error });
    for (const waiter of this.#waiters) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
    this.#waiters = [];
  }
}

// V8 forgets a hidden class at a full garbage collection when no object of it is alive,
// and throws away the optimized code built for it: each stream after a major collection
// would start cold, its parsing and delivery code rebuilt from the interpreter up. One
// engine, made with the first stream, that has read an empty response of its own and
// has an iterator nobody pulls, lives on and keeps the shapes of an engine and its parts.
let kept: unknown;

function keepShapes(): void {
  if (kept !== undefined) return;
  kept = 0;
  const engine = new StreamEngine({ response: new Response('') }, { idleTimeoutMs: 1e9 });
  kept = engine.subscribe((event) => event);
  engine.settled().catch(() => undefined);
}
