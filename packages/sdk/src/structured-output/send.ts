// Sending a structured-output request the way the mode says, and `'auto'`'s one retry.
import type { CreateMessageParams, Message } from '@parley/core';
import { ParleyError } from '@parley/errors';
import type { OutputReader, ParsedMessage } from '@parley/streaming';
import type { RequestOptions } from '../options.js';
import type { OutputFormat } from '@parley/tools';
import type { ClientContext } from '../resources/call.js';
import type { CreateMessageParamsNonStreaming } from '../resources/messages.js';
import { modeFor, refusesOutputConfig, switchToTool } from './mode.js';
import { outputTool, requestedFormat } from './output.js';
import { asToolRequest } from './tool-mode.js';

/** What sends one whole-message request: the client's `messages`. */
export interface MessageCreator {
  create(params: CreateMessageParamsNonStreaming, options?: RequestOptions): PromiseLike<Message>;
}

const IGNORED = 'the server ignored output_config (a reply that ended normally holds no JSON valid against the schema)';

// A reply that stopped on its own: its text is all the model meant to write.
const endedNormally = (message: Message): boolean => message.stop_reason === 'end_turn' || message.stop_reason === 'stop_sequence';

// Checked by shape: importing OutputParseError would load it with the client.
const unreadable = (error: unknown): boolean => {
  const reason = ParleyError.isInstance(error) ? (error as { reason?: unknown }).reason : undefined;
  return reason === 'invalid_json' || reason === 'schema' || reason === 'no_output';
};

/** `messages.parse()`: sends, then reads and checks the output; in `'auto'` mode falls back to a tool call once. */
export async function parseMessage<T>(
  messages: MessageCreator,
  context: ClientContext,
  params: CreateMessageParamsNonStreaming,
  options: RequestOptions | undefined,
): Promise<ParsedMessage<T>> {
  const mode = modeFor(context, options?.structuredOutput);
  const format = requestedFormat(params.output_config?.format) as OutputFormat<T>;
  const tool = outputTool(format);
  const viaTool = async (): Promise<ParsedMessage<T>> => {
    const message = await messages.create(asToolRequest(params, tool), options);
    return format.read(message, tool.name);
  };
  if (mode === 'tool') return viaTool();
  let message: Message;
  try {
    message = await messages.create(params, options);
  } catch (error) {
    if (mode !== 'auto' || !refusesOutputConfig(error)) throw error;
    switchToTool(context, `the server refused output_config (${(error as Error).message})`);
    return viaTool();
  }
  try {
    return await format.read(message);
  } catch (error) {
    if (mode !== 'auto' || !unreadable(error) || !endedNormally(message)) throw error;
    switchToTool(context, IGNORED);
    return viaTool();
  }
}

/**
 * `messages.stream()` with an output format: the response to read. A stream cannot be
 * taken back once it has been read, so in `'auto'` mode only a 400 about
 * `output_config` is retried at once; a reply that ignored it fails its
 * `finalMessage()` with `OutputParseError`, and later calls of the client use a tool call.
 */
export async function sendStream(
  context: ClientContext,
  /** Sends one streaming request on the stream's controller; resolves with the response. */
  send: (params: CreateMessageParams) => Promise<Response>,
  params: CreateMessageParams,
  options: RequestOptions | undefined,
  /** The stream's reader: its `tool` is set here when the output comes as a tool call. */
  reader: OutputReader,
): Promise<Response> {
  const mode = modeFor(context, options?.structuredOutput);
  const tool = outputTool(requestedFormat(params.output_config?.format));
  const viaTool = (): Promise<Response> => {
    const request = asToolRequest(params, tool);
    reader.tool = tool.name;
    return send(request);
  };
  if (mode === 'tool') return viaTool();
  let response: Response;
  try {
    response = await send(params);
  } catch (error) {
    if (mode !== 'auto' || !refusesOutputConfig(error)) throw error;
    switchToTool(context, `the server refused output_config (${(error as Error).message})`);
    return viaTool();
  }
  if (mode === 'auto') {
    // Known only once the stream has ended: this stream fails, later calls use a tool.
    reader.failed = (error, message) => {
      if (unreadable(error) && endedNormally(message)) switchToTool(context, IGNORED);
    };
  }
  return response;
}
