// A MessageStream that also reads a structured output: `parsedOutput` listeners and
// `partialOutputs()` see the object grow with every delta, and `finalMessage()` gives it
// parsed and checked. It lives apart from MessageStream so a program that never asks
// for structured output does not load it. The partial object is built by a linear
// PartialJSON per consumer (never by re-parsing the text so far), and only once someone
// asks for partials, so the text path of a plain stream is untouched.
import type { Message, MessageStreamEvent } from '@parley/core';
import { MessageStream } from './message-stream.js';
import type { MessageStreamEvents, MessageStreamOptions } from './message-stream-types.js';
import { type DeepPartial, type OutputReader, type ParsedMessage, parseOutputMessage } from './parsed-output.js';
import { JSONMachine } from './json-machine.js';

/** The listeners of a {@link ParsedMessageStream}: those of `MessageStream`, and `parsedOutput`. */
export interface ParsedMessageStreamEvents<T> extends MessageStreamEvents {
  /**
   * The output parsed so far, after every delta that adds to it, with the message snapshot.
   * The same object each time, growing in place: copy it to keep a state.
   */
  parsedOutput: (partial: DeepPartial<T>, snapshot: Message) => void;
}

/**
 * The output so far, from the events alone: the text deltas, or the input deltas of the
 * output tool's call. Each consumer has its own, so the object it sees is exactly the
 * output at the event it is handling, however far the stream has read.
 */
class PartialOutput {
  readonly #reader: OutputReader;
  // The machine behind PartialJSON, fed directly: the text itself is kept by the snapshot.
  readonly #json = new JSONMachine();
  #toolIndex = -1;

  constructor(reader: OutputReader, snapshot: Message | undefined) {
    this.#reader = reader;
    // Started mid-stream (a listener added late): the text so far is where the parser starts.
    // (A call of the output tool already under way is not picked up: its raw text is gone.)
    if (snapshot !== undefined && reader.tool === undefined) {
      for (const block of snapshot.content) if (block.type === 'text') this.#json.push(block.text);
    }
  }

  /** The output after `event`, or undefined when the event does not add to it. */
  take(event: MessageStreamEvent): unknown {
    const tool = this.#reader.tool;
    if (event.type === 'content_block_start') {
      const block = event.content_block;
      if (tool !== undefined && block.type === 'tool_use' && block.name === tool) this.#toolIndex = event.index;
      return undefined;
    }
    if (event.type !== 'content_block_delta') return undefined;
    const delta = event.delta;
    if (tool === undefined ? delta.type !== 'text_delta' : delta.type !== 'input_json_delta' || event.index !== this.#toolIndex) return undefined;
    this.#json.push(delta.type === 'text_delta' ? delta.text : delta.type === 'input_json_delta' ? delta.partial_json : '');
    return this.#json.root;
  }
}

/**
 * A streamed reply whose structured output is read as it arrives. Made by
 * `client.messages.stream()` when `output_config.format` is an output format.
 *
 * @example
 * const stream = client.messages.stream({ ...params, output_config: { format: outputFormat(Recipe) } });
 * stream.on('parsedOutput', (partial) => render(partial.steps ?? []));
 * const { parsed_output } = await stream.finalMessage();
 */
export class ParsedMessageStream<T> extends MessageStream {
  #reader: OutputReader<T> | undefined;
  #listeners: [listener: ParsedMessageStreamEvents<T>['parsedOutput'], once: boolean][] = [];
  #hooked = false;
  #parsed: Promise<ParsedMessage<T>> | undefined;

  /**
   * Streams the response `open` sends, reading its structured output with `format`.
   * `open` gets the reader first, so it can point it at a tool call before the response
   * arrives (see `OutputReader.tool`).
   *
   * @example
   * const stream = ParsedMessageStream.withOutput(format, () => fetch(url, init));
   */
  static withOutput<T>(
    format: { parse(text: string): Promise<T> },
    open: (reader: OutputReader<T>) => Promise<Response>,
    options?: MessageStreamOptions,
  ): ParsedMessageStream<T> {
    const reader: OutputReader<T> = { parse: (text) => format.parse(text) };
    const stream = new ParsedMessageStream<T>({ response: open(reader) }, options);
    stream.#reader = reader;
    return stream;
  }

  #readerOrThrow(): OutputReader<T> {
    if (this.#reader === undefined) throw new TypeError('ParsedMessageStream: make it with ParsedMessageStream.withOutput()');
    return this.#reader;
  }

  override on<K extends keyof ParsedMessageStreamEvents<T>>(event: K, listener: ParsedMessageStreamEvents<T>[K]): this {
    if (event !== 'parsedOutput') return super.on(event, listener as never);
    this.#listeners = [...this.#listeners, [listener as ParsedMessageStreamEvents<T>['parsedOutput'], false]];
    return this.#hook();
  }

  override once<K extends keyof ParsedMessageStreamEvents<T>>(event: K, listener: ParsedMessageStreamEvents<T>[K]): this {
    if (event !== 'parsedOutput') return super.once(event, listener as never);
    this.#listeners = [...this.#listeners, [listener as ParsedMessageStreamEvents<T>['parsedOutput'], true]];
    return this.#hook();
  }

  override off<K extends keyof ParsedMessageStreamEvents<T>>(event: K, listener: ParsedMessageStreamEvents<T>[K]): this {
    if (event !== 'parsedOutput') return super.off(event, listener as never);
    const at = this.#listeners.findIndex((entry) => entry[0] === listener);
    if (at >= 0) this.#listeners = this.#listeners.filter((_, index) => index !== at);
    return this;
  }

  // `parsedOutput` rides on `streamEvent`, which fires after the snapshot took the event
  // in; a listener that throws fails the stream, as any listener does.
  #hook(): this {
    if (this.#hooked) return this;
    this.#hooked = true;
    const output = new PartialOutput(this.#readerOrThrow(), this.currentMessage);
    return super.on('streamEvent', (event, snapshot) => {
      if (this.#listeners.length === 0) return;
      const partial = output.take(event) as DeepPartial<T> | undefined;
      if (partial === undefined) return;
      const listeners = this.#listeners;
      for (const entry of listeners) {
        if (entry[1]) this.#listeners = this.#listeners.filter((other) => other !== entry);
        entry[0](partial, snapshot);
      }
    });
  }

  /**
   * The output parsed so far, after each delta that adds to it: one object, growing in
   * place as the loop advances (copy it to keep a state). Leaving the loop early cancels
   * the body, as for the stream's other iterators.
   * @example for await (const partial of stream.partialOutputs()) render(partial);
   */
  partialOutputs(): AsyncIterable<DeepPartial<T>> {
    return { [Symbol.asyncIterator]: () => this.#partials() };
  }

  async *#partials(): AsyncGenerator<DeepPartial<T>, void, undefined> {
    const output = new PartialOutput(this.#readerOrThrow(), this.currentMessage);
    for await (const event of this) {
      const partial = output.take(event);
      if (partial !== undefined) yield partial as DeepPartial<T>;
    }
  }

  /**
   * The complete message with its output parsed and checked as `parsed_output`.
   * @throws OutputParseError when the output is not JSON, fails the schema, or is missing (refusal, max_tokens).
   */
  override finalMessage(): Promise<ParsedMessage<T>> {
    // Read once: a schema may be slow, and every caller should get the same object.
    return (this.#parsed ??= super.finalMessage().then((message) => parseOutputMessage(message, this.#readerOrThrow())));
  }

  /** The text of the final message, as `MessageStream` gives it, without reading the output. */
  override async finalText(): Promise<string> {
    const message = await super.finalMessage();
    let text = '';
    for (const block of message.content) if (block.type === 'text') text += block.text;
    return text;
  }
}
