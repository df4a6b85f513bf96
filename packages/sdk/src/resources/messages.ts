import type { CountTokensParams, CreateMessageParams, Message, MessageTokensCount } from '@parley/core';
import { MessageStream, type ParsedMessage, type ParsedMessageStream } from '@parley/streaming';
import {
  toolRunner,
  type OutputFormat,
  type OutputOf,
  type ToolRunner,
  type ToolRunnerFinal,
  type ToolRunnerParams,
  type ToolRunnerTurn,
} from '@parley/tools';
import { APIPromise } from '../api-promise.js';
import type { RequestOptions } from '../options.js';
import type { RequestSpec } from '../request.js';
import { jsonCall, prepareCall, type ClientContext } from './call.js';
import type { Batches } from './batches/batches.js';
import { lazyBatches } from './load-batches.js';
import { structuredOutput, type ParseMessageParams, type ParsedOutputOf } from './structured-output.js';

/** Message request parameters without `stream`; the two variants below add it. */
export type CreateMessageParamsBase = Omit<CreateMessageParams, 'stream'>;

/** A request answered with one JSON `Message`. */
export interface CreateMessageParamsNonStreaming extends CreateMessageParamsBase {
  /** Absent or `false`: the reply arrives whole. */
  stream?: false;
}

/** A request answered as a stream of events. */
export interface CreateMessageParamsStreaming extends CreateMessageParamsBase {
  /** The reply arrives as server-sent events. */
  stream: true;
}

/**
 * `client.messages`: create a message (whole or streamed), stream one with helpers,
 * count tokens.
 */
export class Messages {
  readonly #context: ClientContext;
  #batches: Batches | undefined;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * Message batches: many requests processed asynchronously at a lower price, results
   * as JSON Lines, and `run()` for any number of requests. Loaded on first use.
   *
   * @example
   * const batch = await client.messages.batches.create({ requests: [{ custom_id: 'q1', params }] });
   */
  get batches(): Batches {
    return (this.#batches ??= lazyBatches(this.#context));
  }

  /**
   * Sends a conversation and returns the model's next turn: a `Message`, or with
   * `stream: true` a `MessageStream` (an async iterable of events with `.controller`)
   * once the response headers have arrived.
   *
   * @example
   * const message = await client.messages.create({
   *   model: 'claude-sonnet-4-5', max_tokens: 1024,
   *   messages: [{ role: 'user', content: 'Hello' }],
   * });
   * for await (const event of await client.messages.create({ ...params, stream: true })) console.log(event.type);
   */
  create(params: CreateMessageParamsNonStreaming, options?: RequestOptions): APIPromise<Message>;
  create(params: CreateMessageParamsStreaming, options?: RequestOptions): APIPromise<MessageStream>;
  create(params: CreateMessageParams, options?: RequestOptions): APIPromise<Message | MessageStream>;
  create(params: CreateMessageParams, options?: RequestOptions): APIPromise<Message | MessageStream> {
    if (params.stream === true) return this.#streamCall(params, options);
    return jsonCall<Message>({ context: this.#context, spec: { method: 'POST', path: '/messages', body: params, options }, check: 'createMessage' });
  }

  /**
   * Streams a message, returning at once a `MessageStream` with listeners (`text`,
   * `inputJson`, `finalMessage`, ...), `textStream`, `finalMessage()` and `abort()`.
   * Retries happen only before the first event; a stream that breaks later fails with
   * the partial message on the error.
   *
   * @example
   * const stream = client.messages.stream(params).on('text', (delta) => process.stdout.write(delta));
   * const message = await stream.finalMessage();
   */
  stream<F extends OutputFormat>(
    params: CreateMessageParamsBase & { stream?: true; output_config: { format: F } },
    options?: RequestOptions,
  ): ParsedMessageStream<OutputOf<F>>;
  stream(params: CreateMessageParamsBase & { stream?: true }, options?: RequestOptions): MessageStream;
  stream(params: CreateMessageParamsBase & { stream?: true }, options?: RequestOptions): MessageStream {
    const body = { ...params, stream: true as const };
    const { spec, streamOptions } = this.#streamSpec(body, options);
    // The stream watches the caller's signal itself, so the sender's link to it goes.
    const send = (request: CreateMessageParams) =>
      this.#sendStream({ ...spec, body: request, operation: 'messages.stream' }).then((sent) => {
        sent.unlinkSignal?.();
        return sent.response;
      });
    // An output format brings its own stream class, so a plain stream never loads it.
    const format = params.output_config?.format as OutputFormat | null | undefined;
    return format?.streamClass
      ? format.streamClass.withOutput(format, (reader) => structuredOutput().then((impl) => impl.sendStream(this.#context, send, body, options, reader)), streamOptions)
      : MessageStream.fromResponse(send(body), streamOptions);
  }

  /**
   * Sends a request for structured output and reads it: `output_config.format` is an
   * output format from `outputFormat()` (or a plain JSON Schema format), and the reply's
   * `parsed_output` is its type, checked by its schema. Servers without `output_config`
   * are handled by the `structuredOutput` option (default `'auto'`).
   *
   * @example
   * const Weather = outputFormat(z.object({ city: z.string(), celsius: z.number() }));
   * const { parsed_output } = await client.messages.parse({ model, max_tokens: 1024, messages, output_config: { format: Weather } });
   * parsed_output.celsius; // number
   *
   * @throws OutputParseError when the output is not JSON, fails the schema, or is missing (refusal, max_tokens).
   */
  parse<P extends ParseMessageParams>(params: P, options?: RequestOptions): Promise<ParsedMessage<ParsedOutputOf<P>>> {
    return structuredOutput().then((impl) => impl.parseMessage<ParsedOutputOf<P>>(this, this.#context, params, options));
  }

  /**
   * Counts the input tokens of a request (system prompt, tools and messages) without
   * generating anything.
   *
   * @example
   * const { input_tokens } = await client.messages.countTokens({ model, messages });
   */
  countTokens(params: CountTokensParams, options?: RequestOptions): APIPromise<MessageTokensCount> {
    return jsonCall<MessageTokensCount>({
      context: this.#context,
      spec: { method: 'POST', path: '/messages/count_tokens', body: params, options },
      check: 'countTokens',
    });
  }

  /**
   * Runs the tool loop: sends the request, runs every `tool_use` of each reply (in
   * parallel, input validated first), sends the results back, and repeats until the
   * model stops asking or `max_iterations` is reached.
   *
   * @example
   * const runner = client.messages.toolRunner({ model, max_tokens: 1024, messages, tools: [getWeather] });
   * const final = await runner.finalMessage();
   */
  toolRunner<P extends ToolRunnerParams>(params: P, options?: RequestOptions): ToolRunner<ToolRunnerTurn<P, MessageStream>, ToolRunnerFinal<P>> {
    return toolRunner({ messages: this }, params, options);
  }

  #streamSpec(body: CreateMessageParams, options: RequestOptions | undefined) {
    // The stream's `abort()` aborts this controller, which the request is linked to.
    const controller = new AbortController();
    const spec: RequestSpec = { method: 'POST', path: '/messages', body, options, controller };
    const streamOptions = {
      controller,
      idleTimeoutMs: this.#context.sender.timeoutFor(options),
      ...(options?.signal === undefined ? {} : { signal: options.signal }),
    };
    return { spec, streamOptions };
  }

  async #sendStream(spec: RequestSpec) {
    const loading = prepareCall(this.#context, spec.options, { kind: 'createMessage', params: spec.body });
    if (loading !== undefined) await loading;
    return this.#context.sender.send(spec);
  }

  #streamCall(params: CreateMessageParams, options: RequestOptions | undefined): APIPromise<MessageStream> {
    const { spec, streamOptions } = this.#streamSpec(params, options);
    const decode = (response: Response) => Promise.resolve(MessageStream.fromResponse(response, streamOptions));
    return new APIPromise<MessageStream>({
      parse: async () => {
        const { unlinkSignal, ...sent } = await this.#sendStream(spec);
        const data = await decode(sent.response);
        // The stream now watches the caller's signal; asResponse() keeps the link instead.
        unlinkSignal?.();
        return { ...sent, data };
      },
      raw: () => this.#sendStream(spec),
      decode,
    });
  }
}
