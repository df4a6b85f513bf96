import type { CreateMessageParams, Message, MessageParam } from '@parley/core';
import type { ParsedMessage } from '@parley/streaming';
import type { OutputFormat } from './output-format.js';
import type { RunnableTool } from './tool.js';

/**
 * The options of a tool runner, given to every request it sends (a client's own
 * request options, such as headers or a timeout, pass through as well).
 */
export interface ToolRunnerRequestOptions {
  /**
   * Stops the loop: aborts the request in flight and the tools running (they get it as
   * `context.signal`), and the runner rejects with `APIUserAbortError`.
   */
  signal?: AbortSignal | undefined;
}

/** What the runner needs of a streamed turn: its final message. `MessageStream` has it. */
export interface ToolRunnerStream {
  finalMessage(): Promise<Message>;
}

/**
 * The part of a client the tool runner uses. `Parley` from `@parley/sdk` fits, and so
 * does any object with these methods, so this package never loads an SDK itself.
 * `Options` is the client's own per-request options type (headers, timeout, ...): the
 * runner's options are passed on to every request, with its `signal`.
 *
 * @example
 * const client: ToolRunnerClient = {
 *   messages: {
 *     create: async (params, { signal } = {}) => {
 *       const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(params), signal });
 *       return (await response.json()) as Message;
 *     },
 *   },
 * };
 */
export interface ToolRunnerClient<
  Stream extends ToolRunnerStream = ToolRunnerStream,
  Options extends ToolRunnerRequestOptions = ToolRunnerRequestOptions,
> {
  readonly messages: {
    /** Sends one request and resolves to the reply (`stream` is never set in `params`). */
    create(params: CreateMessageParams, options?: Options): PromiseLike<Message>;
    /** Sends one streamed request; needed only for `stream: true`. */
    stream?(params: CreateMessageParams, options?: Options): Stream;
  };
}

/** The parameters of a tool runner: those of a message request, with runnable tools. */
export interface ToolRunnerParams extends Omit<CreateMessageParams, 'tools' | 'stream'> {
  /** The tools, made with `tool()`; their definitions are sent in every request. */
  tools: readonly RunnableTool[];
  /** The most requests to send; when reached, the last reply's tool calls are not run. No limit when absent. */
  max_iterations?: number | undefined;
  /** Stream each turn: the runner then yields a `MessageStream` per turn instead of a `Message`. */
  stream?: boolean | undefined;
}

/** What a runner yields per turn for the given params: a stream when `stream: true`, else a `Message`. */
export type ToolRunnerTurn<P extends ToolRunnerParams, Stream> = P extends { stream: true }
  ? Stream
  : // `model` keeps the target from being a weak (all-optional) type, which params
    // without a `stream` key would not match.
    P extends { model: unknown; stream?: false | undefined }
    ? Message
    : Message | Stream;

/**
 * What a runner's `done()` resolves to: with an output format in `output_config.format`
 * the last reply read by it (`parsed_output` typed), else the last `Message`.
 */
export type ToolRunnerFinal<P extends ToolRunnerParams> = P extends { output_config?: { format?: infer F } | null | undefined }
  ? F extends OutputFormat<infer T>
    ? ParsedMessage<T>
    : Message
  : Message;

/**
 * A conversation with tools, run to its end: an async iterable of each turn's reply
 * (`Message`, or `MessageStream` when streaming), sent lazily as it is consumed.
 * Iterating again, or after `done()`, replays the turns without sending anything twice.
 */
export interface ToolRunner<Turn = Message, Final extends Message = Message> extends AsyncIterable<Turn> {
  /** The parameters of the next request: the given ones, with the conversation so far. */
  readonly params: ToolRunnerParams;
  /** The conversation so far: the given messages, then each reply and its tool results. */
  readonly messages: readonly MessageParam[];
  /**
   * Runs the loop to its end (if nothing iterates it) and resolves to the last reply;
   * with an output format, read by it (rejecting with `OutputParseError` when it cannot be).
   */
  done(): Promise<Final>;
  /** The same as {@link ToolRunner.done}. */
  finalMessage(): Promise<Final>;
}
