import type { Message, MessageParam } from '@parley/core';
import { indexTools } from './index-tools.js';
import { loadLoop } from './load-loop.js';
import type { Runner, RunnerSetup } from './loop/runner.js';
import type {
  ToolRunner,
  ToolRunnerClient,
  ToolRunnerParams,
  ToolRunnerRequestOptions,
  ToolRunnerStream,
  ToolRunnerFinal,
  ToolRunnerTurn,
} from './tool-runner-types.js';

/**
 * Runs a conversation with tools: sends the request, runs every tool the reply asks for
 * (in parallel, inputs validated first, failures answered with `is_error` results the
 * model can act on), sends the results back, and repeats until a reply asks for no tool
 * or `max_iterations` requests were sent. Nothing is sent until the runner is iterated
 * or `done()` is called.
 *
 * @example
 * const runner = toolRunner(client, {
 *   model: 'claude-sonnet-4-5',
 *   max_tokens: 1024,
 *   messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
 *   tools: [getWeather],
 *   max_iterations: 5,
 * });
 * for await (const message of runner) console.log(message.content);
 * const last = await runner.done();
 *
 * @throws TypeError at once for a bad `tools` list or `max_iterations`, or `stream: true` with a client without `messages.stream`.
 */
export function toolRunner<
  P extends ToolRunnerParams,
  Stream extends ToolRunnerStream = ToolRunnerStream,
  Options extends ToolRunnerRequestOptions = ToolRunnerRequestOptions,
>(client: ToolRunnerClient<Stream, Options>, params: P, options?: Options): ToolRunner<ToolRunnerTurn<P, Stream>, ToolRunnerFinal<P>> {
  // Plain JavaScript callers get a clear message instead of a TypeError from deep inside.
  if (!Array.isArray((params as Partial<ToolRunnerParams> | null | undefined)?.messages)) {
    throw new TypeError('toolRunner: params must be message request parameters with a `messages` array');
  }
  indexTools(params.tools);
  const maxIterations = params.max_iterations ?? Infinity;
  if (maxIterations !== Infinity && (!Number.isInteger(maxIterations) || maxIterations < 1)) {
    throw new TypeError(`toolRunner: max_iterations must be a positive integer, got ${String(maxIterations)}`);
  }
  if (params.stream === true && typeof client.messages.stream !== 'function') {
    throw new TypeError('toolRunner: stream: true needs a client with messages.stream()');
  }
  const setup: RunnerSetup = { client, params, options: options ?? {}, maxIterations, messages: [...params.messages] };
  return new LazyRunner<ToolRunnerTurn<P, Stream>, ToolRunnerFinal<P>>(setup);
}

/**
 * The runner `toolRunner` returns. The loop itself (src/loop/) is loaded with `import()`
 * the first time something asks for a turn, so a bundle that reaches `toolRunner` (as
 * every bundle of @parley/sdk does) but never runs tools does not carry it in its
 * initial load. Every consumer shares one load and one loop.
 */
class LazyRunner<Turn, Final extends Message> implements ToolRunner<Turn, Final> {
  readonly #setup: RunnerSetup;
  #runner: Runner<Turn, Final> | undefined;
  #loading: Promise<Runner<Turn, Final>> | undefined;

  constructor(setup: RunnerSetup) {
    this.#setup = setup;
  }

  // The loop appends to the same `messages` array, so both read the same before and after it loads.
  get params(): ToolRunnerParams {
    return this.#runner?.params ?? { ...this.#setup.params, messages: [...this.#setup.messages] };
  }

  get messages(): readonly MessageParam[] {
    return this.#runner?.messages ?? this.#setup.messages;
  }

  done(): Promise<Final> {
    if (this.#runner !== undefined) return this.#runner.done();
    return this.#load().then((runner) => runner.done());
  }

  finalMessage(): Promise<Final> {
    return this.done();
  }

  [Symbol.asyncIterator](): AsyncIterator<Turn> {
    return this.#runner?.[Symbol.asyncIterator]() ?? this.#turns();
  }

  // A generator queues next() calls, so those made while the loop loads get the turns in
  // order from one iteration of it; return() before the first next() ends it unloaded.
  async *#turns(): AsyncGenerator<Turn, void, undefined> {
    yield* await this.#load();
  }

  #load(): Promise<Runner<Turn, Final>> {
    this.#loading ??= loadLoop().then(
      (loop) => (this.#runner = new loop.Runner<Turn, Final>(this.#setup)),
      (error: unknown) => {
        // Tried again on the next use, as a failed chunk load may succeed later.
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }
}
