// A MessageStream that also reads a structured output: `parsedOutput` listeners and
// `partialOutputs()` see the object grow with every delta, and `finalMessage()` gives it
// parsed and checked. It lives apart from MessageStream so a program that never asks
// for structured output does not load it; the partial object is built by one linear
// PartialJSON per stream (never by re-parsing the text so far), and only once someone
// asks for partials, so the text path of a plain stream is untouched.
import type { Message, MessageStreamEvent } from '@parley/core';
import { MessageStream } from './message-stream.js';
import type { MessageStreamEvents, MessageStreamOptions } from './message-stream-types.js';
import { type DeepPartial, type OutputReader, type ParsedMessage, parseOutputMessage } from './parsed-output.js';
import { PartialJSON } from './partial-json.js';

/** The listeners of a {@link ParsedMessageStream}: those of `MessageStream`, and `parsedOutput`. */
export interface ParsedMessageStreamEvents<T> extends MessageStreamEvents {
  /**
   * The output parsed so far, after every delta that adds to it, with the message snapshot.
   * The same object each time, growing in place: copy it to keep a state.
   */
  parsedOutput: (partial: DeepPartial<T>, snapshot: Message) => void;
}

/** The output so far, fed each event once, however many consumers ask. */
class PartialOutput {
  readonly #reader: OutputReader;
  #json: PartialJSON | undefined;
  #last: MessageStreamEvent | undefined;
  #lastValue: unknown;

  constructor(reader: OutputReader, snapshot: Message | undefined) {
    this.#reader = reader;
    // Started late (a listener added mid-stream): the text so far is where the parser starts.
    if (reader.tool === undefined && snapshot !== undefined) {
      for (const block of snapshot.content) if (block.type === 'text') this.#text().push(block.text);
    }
  }

  #text(): PartialJSON {
    return (this.#json ??= new PartialJSON());
  }

  /** The output after `event`, or undefined when the event does not add to it. */
  take(event: MessageStreamEvent, snapshot: Message | undefined): unknown {
    if (event === this.#last) return this.#lastValue;
    this.#last = event;
    this.#lastValue = undefined;
    if (event.type !== 'content_block_delta' || snapshot === undefined) return undefined;
    const block = snapshot.content[event.index];
    const delta = event.delta;
    const tool = this.#reader.tool;
    if (tool === undefined) {
      if (delta.type !== 'text_delta' || block?.type !== 'text') return undefined;
      const json = this.#text();
      json.push(delta.text);
      this.#lastValue = json.value;
    } else if (delta.type === 'input_json_delta' && block?.type === 'tool_use' && block.name === tool) {
      // The snapshot's input is already parsed incrementally (see tool-input.ts).
      this.#lastValue = block.input;
    }
    return this.#lastValue;
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
  #partial: PartialOutput | undefined;
  #listening = false;
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

  #output(): PartialOutput {
    return (this.#partial ??= new PartialOutput(this.#readerOrThrow(), this.currentMessage));
  }

  #readerOrThrow(): OutputReader<T> {
    if (this.#reader === undefined) throw new TypeError('ParsedMessageStream: make it with ParsedMessageStream.withOutput()');
    return this.#reader;
  }

  override on<K extends keyof ParsedMessageStreamEvents<T>>(event: K, listener: ParsedMessageStreamEvents<T>[K]): this {
    if (event === 'parsedOutput') this.#listen();
    return super.on(event as keyof MessageStreamEvents, listener as never);
  }

  override once<K extends keyof ParsedMessageStreamEvents<T>>(event: K, listener: ParsedMessageStreamEvents<T>[K]): this {
    if (event === 'parsedOutput') this.#listen();
    return super.once(event as keyof MessageStreamEvents, listener as never);
  }

  override off<K extends keyof ParsedMessageStreamEvents<T>>(event: K, listener: ParsedMessageStreamEvents<T>[K]): this {
    return super.off(event as keyof MessageStreamEvents, listener as never);
  }

  // `parsedOutput` rides on `streamEvent`, which fires after the snapshot took the event in.
  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    const output = this.#output();
    const listeners = this.engine.listeners as unknown as { emit(name: 'parsedOutput', partial: unknown, snapshot: Message): void };
    this.engine.listeners.add(
      'streamEvent',
      (event, snapshot) => {
        const partial = output.take(event, snapshot);
        if (partial !== undefined) listeners.emit('parsedOutput', partial, snapshot);
      },
      false,
    );
  }

  /**
   * The output parsed so far, after each delta that adds to it; the same object each
   * time, growing in place. Leaving the loop early cancels the body.
   * @example for await (const partial of stream.partialOutputs()) render(partial);
   */
  partialOutputs(): AsyncIterable<DeepPartial<T>> {
    return {
      [Symbol.asyncIterator]: () => {
        const output = this.#output();
        // Mapped when the event is delivered, right after the snapshot took it in.
        return this.engine.subscribe((event) => output.take(event, this.currentMessage) as DeepPartial<T> | undefined);
      },
    };
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
