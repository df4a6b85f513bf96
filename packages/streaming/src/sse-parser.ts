/**
 * What takes the dispatched frames: `frame` is called once per frame, with the frame's
 * `event:` field (undefined when it had none, or an empty one) and its data. An object
 * with a method rather than a function, so optimized parsing code calls a method shared
 * by every stream, not a closure that dies with one (and takes that code with it at the
 * next full garbage collection).
 */
export interface FrameSink {
  frame(event: string | undefined, data: string): void;
}

const LF = 10;
const COLON = 58;
const SPACE = 32;
const OPEN_BRACE = 123;

const MODE_UNKNOWN = 0;
const MODE_SSE = 1;
const MODE_JSON_LINES = 2;

/**
 * The text half of the event-stream parser: decoded text in, frames out, through a
 * sink so the hot path builds no frame objects.
 *
 * It follows the WHATWG event-stream rules (LF, CR and CRLF line ends, comments,
 * `event`, multi-line `data`, `id`, `retry`), with one deliberate difference: at the end
 * of the body a frame that lacks its closing blank line is still dispatched, because a
 * relay that leaves it out would otherwise lose its last event (`message_stop`).
 *
 * With `jsonLines`, a body whose first non-empty line starts with `{` is read as JSON
 * lines instead: each non-empty line is one frame without an event name.
 */
export class SSEParser {
  readonly #sink: FrameSink;
  readonly #allowJsonLines: boolean;
  #mode = MODE_UNKNOWN;
  // The start of a line whose end has not arrived yet.
  #partial = '';
  // The previous chunk ended with CR: a LF at the start of the next one belongs to it.
  #skipLF = false;
  #data = '';
  #hasData = false;
  #event: string | undefined = undefined;
  #lastEventId = '';
  #retry: number | undefined = undefined;

  constructor(sink: FrameSink, options?: { jsonLines?: boolean }) {
    this.#sink = sink;
    this.#allowJsonLines = options?.jsonLines ?? false;
  }

  /** The last event ID buffer, as the WHATWG rules define it (it persists across frames). */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** The reconnection time most recently set by a valid `retry` field, in ms. */
  get retry(): number | undefined {
    return this.#retry;
  }

  /** Feeds decoded text; dispatches every frame it completes. */
  push(text: string): void {
    const n = text.length;
    let i = 0;
    if (this.#skipLF) {
      this.#skipLF = false;
      if (n > 0 && text.charCodeAt(0) === LF) i = 1;
    }
    // The next CR and LF at or after i, with n for "none": most streams have no CR at
    // all, and one search per chunk settles that. (A -1 sentinel tested in the loop made
    // V8 run this loop ten times slower.)
    let cr = text.indexOf('\r', i);
    if (cr === -1) cr = n;
    while (i < n) {
      if (cr < i) {
        cr = text.indexOf('\r', i);
        if (cr === -1) cr = n;
      }
      let lf = text.indexOf('\n', i);
      if (lf === -1) lf = n;
      let end: number;
      let next: number;
      if (cr < lf) {
        end = cr;
        if (cr + 1 === n) {
          next = n;
          this.#skipLF = true;
        } else {
          next = text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
        }
      } else if (lf < n) {
        end = lf;
        next = lf + 1;
      } else {
        this.#partial += i === 0 ? text : text.slice(i);
        return;
      }
      if (this.#partial === '') {
        this.#line(text, i, end);
      } else {
        const line = this.#partial + text.slice(i, end);
        this.#partial = '';
        this.#line(line, 0, line.length);
      }
      i = next;
    }
  }

  /** Ends the body: a last line without a line end, and a last frame without a blank line, are dispatched. */
  end(): void {
    if (this.#partial !== '') {
      const line = this.#partial;
      this.#partial = '';
      this.#line(line, 0, line.length);
    }
    this.#dispatch();
  }

  /** Takes the line `text[start, end)`, read in place so the common `data:` line costs one slice. */
  #line(text: string, start: number, end: number): void {
    if (start === end) {
      this.#dispatch();
      return;
    }
    const first = text.charCodeAt(start);
    if (this.#mode !== MODE_SSE) {
      if (this.#mode === MODE_JSON_LINES || (first === OPEN_BRACE && this.#allowJsonLines)) {
        this.#mode = MODE_JSON_LINES;
        this.#sink.frame(undefined, text.slice(start, end));
        return;
      }
      this.#mode = MODE_SSE;
    }
    if (first === COLON) return; // a comment
    // The field name ends at the first colon; a line without one is all name.
    let colon = start;
    while (colon < end && text.charCodeAt(colon) !== COLON) colon++;
    let valueStart = colon + 1;
    if (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
    const value = valueStart < end ? text.slice(valueStart, end) : '';
    switch (colon - start === 4 && text.startsWith('data', start) ? 'data' : text.slice(start, colon)) {
      case 'data':
        if (this.#hasData) {
          this.#data += '\n' + value;
        } else {
          this.#data = value;
          this.#hasData = true;
        }
        break;
      case 'event':
        this.#event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#lastEventId = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.#retry = Number(value);
        break;
      default:
        // Unknown fields are ignored, as the rules say.
        break;
    }
  }

  #dispatch(): void {
    const event = this.#event;
    this.#event = undefined;
    if (!this.#hasData) return;
    const data = this.#data;
    this.#data = '';
    this.#hasData = false;
    this.#sink.frame(event === '' ? undefined : event, data);
  }
}
