// Reading a structured output from a finished reply: the text of its text blocks, or
// (when the output was asked for as a forced tool call) the input of that call.
import type { Message } from '@parley/core';
import { OutputParseError } from '@parley/errors';

/** A reply with its structured output read and checked. */
export type ParsedMessage<T> = Message & {
  /** The output, parsed from the reply and checked against the output format's schema. */
  parsed_output: T;
};

/** `T` with every property optional, at every depth: what a structured output looks like while it streams. */
export type DeepPartial<T> = T extends readonly (infer Item)[]
  ? DeepPartial<Item>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Where a structured output is and how to check it. */
export interface OutputReader<T = unknown> {
  /**
   * The name of the tool whose input is the output, when it was asked for as a forced
   * tool call; absent when the output is the reply's text. May be set until the
   * response arrives (a fallback decides it late).
   */
  tool?: string | undefined;
  /**
   * Reads the output text.
   * @throws OutputParseError with reason `invalid_json` or `schema`.
   */
  parse(text: string): Promise<T>;
  /** Told of every output that could not be read, just before the error is thrown (a client learns from it). */
  failed?: ((error: OutputParseError, message: Message) => void) | undefined;
}

/** The raw output of a reply: its text blocks joined, or the input of the output tool as JSON; undefined when there is none. */
export function outputText(message: Message, tool: string | undefined): string | undefined {
  if (tool !== undefined) {
    const call = message.content.find((block) => block.type === 'tool_use' && block.name === tool);
    return call === undefined ? undefined : JSON.stringify((call as { input: unknown }).input);
  }
  let text: string | undefined;
  for (const block of message.content) if (block.type === 'text') text = (text ?? '') + block.text;
  return text;
}

/**
 * Reads and checks the structured output of a finished reply. A refusal, or a reply
 * cut by `max_tokens`, is reported as such rather than as broken JSON.
 *
 * @example
 * const { parsed_output } = await parseOutputMessage(message, { parse: (text) => format.parse(text) });
 *
 * @throws OutputParseError carrying the raw text, the schema's issues and the reply.
 */
export async function parseOutputMessage<T>(message: Message, reader: OutputReader<T>): Promise<ParsedMessage<T>> {
  const text = outputText(message, reader.tool);
  const stop = message.stop_reason;
  const fail = (options: ConstructorParameters<typeof OutputParseError>[0]): never => {
    const error = new OutputParseError({ ...options, reply: message });
    reader.failed?.(error, message);
    throw error;
  };
  if (stop === 'refusal') return fail({ reason: 'refusal', text: text ?? '' });
  if (text === undefined) return fail({ reason: stop === 'max_tokens' ? 'max_tokens' : 'no_output', text: '' });
  let parsed: T;
  try {
    parsed = await reader.parse(text);
  } catch (error) {
    if (!OutputParseError.isInstance(error)) throw error;
    return fail({ reason: stop === 'max_tokens' ? 'max_tokens' : error.reason, text, issues: error.issues, cause: error.cause });
  }
  return { ...message, parsed_output: parsed };
}
