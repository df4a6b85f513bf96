import { type FrameSink, SSEParser } from './sse-parser.js';

const STREAM = { stream: true } as const;

/**
 * Bytes to frames: one streaming `TextDecoder` (so a UTF-8 character split across chunks
 * is whole, and a leading BOM is dropped) in front of an {@link SSEParser}.
 */
export class SSEDecoder {
  readonly #text = new TextDecoder();
  readonly #parser: SSEParser;

  constructor(sink: FrameSink, options?: { jsonLines?: boolean }) {
    this.#parser = new SSEParser(sink, options);
  }

  get parser(): SSEParser {
    return this.#parser;
  }

  push(bytes: Uint8Array): void {
    this.#parser.push(this.#text.decode(bytes, STREAM));
  }

  end(): void {
    const rest = this.#text.decode();
    if (rest !== '') this.#parser.push(rest);
    this.#parser.end();
  }
}
