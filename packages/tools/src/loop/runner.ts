import type { OutputFormat } from '../output-format.js';
import type { CreateMessageParams, Message, MessageParam } from '@parley/core';
import type { RunnableTool } from '../tool.js';
import type {
  ToolRunner,
  ToolRunnerClient,
  ToolRunnerParams,
  ToolRunnerRequestOptions,
  ToolRunnerStream,
} from '../tool-runner-types.js';
import { abortError, onAbort } from './abort.js';
import { parseToolUses } from './parse-tool-uses.js';
import { runTools } from './run-tools.js';

/** What a runner starts from, checked by `toolRunner` (src/tool-runner.ts) before this file loads. */
export interface RunnerSetup {
  /** The client that sends each request. */
  client: ToolRunnerClient;
  /** The parameters as given. */
  params: ToolRunnerParams;
  /** Passed on to every request. */
  options: ToolRunnerRequestOptions;
  /** `max_iterations`, checked; `Infinity` when absent. */
  maxIterations: number;
  /** The conversation: a copy of the given messages, which the runner appends to. */
  messages: MessageParam[];
}

/**
 * The tool loop behind `toolRunner`: sends a request, runs the tools its reply asks for,
 * sends the results back, and so on, one turn at a time as consumers ask for them.
 */
export class Runner<Turn, Final extends Message = Message> implements ToolRunner<Turn, Final> {
  readonly #client: ToolRunnerClient;
  readonly #params: ToolRunnerParams;
  readonly #options: ToolRunnerRequestOptions;
  readonly #tools: readonly RunnableTool[];
  readonly #maxIterations: number;
  readonly #messages: MessageParam[];
  // Every turn produced so far, so each iteration (and done()) sees all of them once sent.
  readonly #turns: Turn[] = [];
  #last: Message | undefined;
  #steps: AsyncGenerator<Turn, void, undefined> | undefined;
  #pulling: Promise<void> | undefined;
  #state: 'running' | 'finished' | 'failed' = 'running';
  #error: unknown;
  #completion: Promise<Final> | undefined;

  constructor(setup: RunnerSetup) {
    this.#client = setup.client;
    this.#params = setup.params;
    this.#options = setup.options;
    this.#tools = setup.params.tools;
    this.#maxIterations = setup.maxIterations;
    this.#messages = setup.messages;
  }

  get params(): ToolRunnerParams {
    return { ...this.#params, messages: [...this.#messages] };
  }

  get messages(): readonly MessageParam[] {
    return this.#messages;
  }

  done(): Promise<Final> {
    this.#completion ??= this.#runToEnd();
    return this.#completion;
  }

  finalMessage(): Promise<Final> {
    return this.done();
  }

  [Symbol.asyncIterator](): AsyncIterator<Turn> {
    let index = 0;
    let closed = false;
    return {
      next: async () => {
        if (closed) return { done: true, value: undefined };
        // Claimed before waiting: a next() called before the previous one settled waits
        // for the turn after it.
        const turn = index++;
        try {
          const available = await this.#reach(turn);
          if (!available) {
            closed = true;
            return { done: true, value: undefined };
          }
          return { done: false, value: this.#turns[turn] as Turn };
        } catch (error) {
          closed = true;
          throw error;
        }
      },
      // Leaving a for-await early only stops this iteration: the loop is lazy, so no
      // further request is sent unless something asks for the next turn.
      return: () => {
        closed = true;
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }

  async #runToEnd(): Promise<Final> {
    // Asks for one turn past the last known one until the loop says there is none.
    while (await this.#reach(this.#turns.length)) continue;
    if (this.#last === undefined) throw new Error('toolRunner: the loop ended without a reply');
    // With an output format the loop ends in a typed answer: the last reply, read by it.
    const format = asOutputFormat(this.#params.output_config?.format);
    return (format === undefined ? this.#last : await format.read(this.#last)) as Final;
  }

  /** Advances the loop until turn `index` exists; false when the loop ended before it. */
  async #reach(index: number): Promise<boolean> {
    while (this.#turns.length <= index) {
      if (this.#state === 'failed') throw this.#error;
      if (this.#state === 'finished') return false;
      // Concurrent consumers share one step, so no request is ever sent twice.
      this.#pulling ??= this.#step().finally(() => {
        this.#pulling = undefined;
      });
      await this.#pulling;
    }
    return true;
  }

  // Never rejects: a failure is stored and rethrown by #reach to every consumer.
  async #step(): Promise<void> {
    this.#steps ??= this.#loop();
    try {
      const step = await this.#steps.next();
      if (step.done === true) this.#state = 'finished';
      else this.#turns.push(step.value);
    } catch (error) {
      this.#state = 'failed';
      this.#error = error;
    }
  }

  async *#loop(): AsyncGenerator<Turn, void, undefined> {
    for (let iteration = 1; ; iteration++) {
      const signal = this.#options.signal;
      if (signal?.aborted === true) throw abortError(signal);
      let message: Message;
      if (this.#params.stream === true) {
        const stream = this.#requestStream();
        // Asked for now, so a failure of this stream is observed even if nobody ever
        // looks at it; it is awaited once the consumer moves past this turn.
        const final = Promise.resolve(stream.finalMessage());
        final.catch(() => undefined);
        yield stream as Turn;
        message = await this.#settle(final);
        this.#record(message);
      } else {
        message = await this.#settle(this.#client.messages.create(this.#body(), this.#requestOptions()));
        // Recorded before it is yielded, so `runner.messages` already holds it in the loop body.
        this.#record(message);
        yield message as Turn;
      }
      const asksForTools = message.stop_reason === 'tool_use' && message.content.some((b) => b.type === 'tool_use');
      if (!asksForTools || iteration >= this.#maxIterations) return;
      const uses = await parseToolUses(message, this.#tools);
      const results = await runTools(uses, { signal });
      this.#messages.push({ role: 'user', content: results });
    }
  }

  #requestStream(): ToolRunnerStream {
    const messages = this.#client.messages;
    // Checked by toolRunner; repeated for the type checker.
    if (messages.stream === undefined) throw new TypeError('toolRunner: stream: true needs a client with messages.stream()');
    return messages.stream(this.#body(), this.#requestOptions());
  }

  #body(): CreateMessageParams {
    const { tools: _tools, max_iterations: _max, stream: _stream, ...rest } = this.#params;
    const config = rest.output_config;
    // An output format goes as its plain wire form: every turn is a plain reply (the ones
    // that call tools hold no output), and the last one is read once, by done().
    const output = asOutputFormat(config?.format) === undefined ? {} : { output_config: { ...config, format: { type: 'json_schema' as const, schema: config?.format?.schema ?? {} } } };
    // A copy of the conversation: the client may hold on to the params after this turn.
    return { ...rest, ...output, messages: [...this.#messages], tools: this.#tools.map((tool) => tool.definition) };
  }

  #requestOptions(): ToolRunnerRequestOptions {
    return { ...this.#options };
  }

  #record(message: Message): void {
    this.#last = message;
    // Reply blocks go back as they came (thinking signatures, unknown block types included).
    this.#messages.push({ role: 'assistant', content: message.content });
  }

  /** Waits for a reply, but rejects with APIUserAbortError as soon as the signal aborts. */
  async #settle(reply: PromiseLike<Message>): Promise<Message> {
    const signal = this.#options.signal;
    if (signal === undefined) return reply;
    const aborted = onAbort(signal);
    try {
      return await Promise.race([reply, aborted.promise]);
    } catch (error) {
      throw signal.aborted ? abortError(signal, error) : error;
    } finally {
      aborted.dispose();
    }
  }
}

// Recognised by shape: importing isOutputFormat would put output formats (and the stream
// class they carry) in every bundle that reaches this loop's front door.
function asOutputFormat(format: unknown): OutputFormat | undefined {
  return typeof (format as Partial<OutputFormat> | null | undefined)?.read === 'function' ? (format as OutputFormat) : undefined;
}
