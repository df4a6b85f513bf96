import { setOwn } from './own.js';
import { isLeadingZeroDigit, isNumberEnd, N_MINUS, numberStart, numberStep } from './json-number.js';

// The resumable state machine behind PartialJSON: it consumes text chunk by chunk, keeps
// one live value up to date, and records the first syntax error with its position.

// Parser states.
const VALUE = 0; // a value must come (root, after `:`, after `,` in an array)
const FIRST_ELEMENT = 1; // after `[`: a value or `]`
const FIRST_KEY = 2; // after `{`: a key or `}`
const KEY = 3; // after `,` in an object: a key
const COLON = 4; // after a key
const AFTER_VALUE = 5; // `,` or the closer; at the root, only whitespace
const STRING = 6;
const NUMBER = 7;
const LITERAL = 8;
const FAILED = 9;

// JSON forbids raw control characters in strings, so the scan for the end of a string also finds them.
// eslint-disable-next-line no-control-regex
const STRING_SPECIAL = /["\\\u0000-\u001f]/g;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

type Container = Record<string, unknown> | unknown[];

/** Where the text stands when it ends: a whole value, only whitespace, a value cut short, or an error. */
export type MachineEnd =
  | { kind: 'complete' }
  | { kind: 'empty' | 'incomplete'; position: number }
  | { kind: 'invalid'; position: number; found: string; expected: string };

export class JSONMachine {
  #offset = 0; // characters consumed before the current chunk
  #state = VALUE;
  #stack: Container[] = [];
  #root: unknown = undefined;
  #key = '';
  #str = '';
  #isKey = false;
  #escape = 0; // 0: none, 1: after `\`, 2-5: reading the hex digits of `\u`
  #hex = 0;
  #slot: Container | undefined = undefined; // where the open string value lives
  #slotKey: string | number = 0;
  #num = '';
  #numState = N_MINUS;
  #literal = '';
  #literalPos = 0;
  #error: { position: number; found: string; expected: string } | undefined = undefined;

  /** The value so far. */
  get root(): unknown {
    return this.#root;
  }

  /** Consumes one chunk; after an error it ignores everything. */
  push(text: string): void {
    if (this.#state === FAILED) return;
    this.#consume(text);
    this.#offset += text.length;
    // The live value shows the open string as far as it has arrived.
    if (this.#state === STRING && !this.#isKey) this.#setSlot(this.#str);
  }

  /** Ends the text: a number at the root is complete once nothing follows it. */
  end(): MachineEnd {
    if (this.#state === NUMBER && this.#stack.length === 0 && isNumberEnd(this.#numState)) {
      this.#attach(Number(this.#num));
      this.#state = AFTER_VALUE;
    }
    if (this.#error) return { kind: 'invalid', ...this.#error };
    if (this.#state === AFTER_VALUE && this.#stack.length === 0) return { kind: 'complete' };
    const kind = this.#state === VALUE && this.#stack.length === 0 ? 'empty' : 'incomplete';
    return { kind, position: this.#offset };
  }

  #consume(text: string): void {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const state = this.#state;
      if (state === FAILED) return;
      if (state === STRING) {
        i = this.#consumeString(text, i);
        continue;
      }
      const c = text.charCodeAt(i);
      if (state === NUMBER) {
        const end = this.#consumeNumber(text, i);
        if (end === -1) return;
        i = end;
        continue;
      }
      if (state === LITERAL) {
        if (c !== this.#literal.charCodeAt(this.#literalPos)) {
          this.#fail(i, text, `"${this.#literal}"`);
          return;
        }
        i++;
        if (++this.#literalPos === this.#literal.length) {
          this.#attach(this.#literal === 'true' ? true : this.#literal === 'false' ? false : null);
          this.#state = AFTER_VALUE;
        }
        continue;
      }
      i++;
      if (c === 32 || c === 10 || c === 13 || c === 9) continue;
      const expected = this.#structural(state, c);
      if (expected !== undefined) {
        this.#fail(i - 1, text, expected);
        return;
      }
    }
  }

  /** Takes one character outside strings, numbers and literals; returns what was expected if it does not fit. */
  #structural(state: number, c: number): string | undefined {
    switch (state) {
      case VALUE:
      case FIRST_ELEMENT:
        if (c === 93 /* ] */ && state === FIRST_ELEMENT) this.#close();
        else if (!this.#startValue(c)) return 'a value';
        return undefined;
      case FIRST_KEY:
      case KEY:
        if (c === 34 /* " */) this.#startString(true);
        else if (c === 125 /* } */ && state === FIRST_KEY) this.#close();
        else return state === KEY ? 'a key' : 'a key or "}"';
        return undefined;
      case COLON:
        if (c !== 58 /* : */) return '":"';
        this.#state = VALUE;
        return undefined;
      default: {
        const top = this.#stack[this.#stack.length - 1];
        if (top === undefined) return 'the end of the text';
        const isArray = Array.isArray(top);
        if (c === 44 /* , */) this.#state = isArray ? VALUE : KEY;
        else if (c === (isArray ? 93 : 125)) this.#close();
        else return isArray ? '"," or "]"' : '"," or "}"';
        return undefined;
      }
    }
  }

  #startValue(c: number): boolean {
    if (c === 34) {
      this.#startString(false);
    } else if (c === 123 || c === 91) {
      const container: Container = c === 123 ? {} : [];
      this.#attach(container);
      this.#stack.push(container);
      this.#state = c === 123 ? FIRST_KEY : FIRST_ELEMENT;
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      this.#num = String.fromCharCode(c);
      this.#numState = numberStart(c);
      this.#state = NUMBER;
    } else if (c === 116 || c === 102 || c === 110) {
      this.#literal = c === 116 ? 'true' : c === 102 ? 'false' : 'null';
      this.#literalPos = 1;
      this.#state = LITERAL;
    } else {
      return false;
    }
    return true;
  }

  #startString(isKey: boolean): void {
    this.#state = STRING;
    this.#isKey = isKey;
    this.#str = '';
    if (!isKey) {
      const top = this.#stack[this.#stack.length - 1];
      this.#attach('');
      this.#slot = top;
      this.#slotKey = Array.isArray(top) ? top.length - 1 : this.#key;
    }
  }

  /** Consumes string content from `i`; returns where it stopped. */
  #consumeString(text: string, i: number): number {
    const n = text.length;
    while (i < n && this.#escape !== 0) {
      const ch = text.charAt(i);
      if (this.#escape === 1) {
        if (ch === 'u') {
          this.#escape = 2;
          this.#hex = 0;
        } else {
          const mapped = ESCAPES[ch];
          if (mapped === undefined) {
            this.#fail(i, text, 'an escape character');
            return n;
          }
          this.#str += mapped;
          this.#escape = 0;
        }
      } else {
        const digit = parseInt(ch, 16);
        if (Number.isNaN(digit)) {
          this.#fail(i, text, 'a hex digit');
          return n;
        }
        this.#hex = this.#hex * 16 + digit;
        if (++this.#escape === 6) {
          this.#str += String.fromCharCode(this.#hex);
          this.#escape = 0;
        }
      }
      i++;
    }
    if (i >= n) return n;
    STRING_SPECIAL.lastIndex = i;
    const match = STRING_SPECIAL.exec(text);
    if (match === null) {
      this.#str += i === 0 ? text : text.slice(i);
      return n;
    }
    const at = match.index;
    if (at > i) this.#str += text.slice(i, at);
    const c = text.charCodeAt(at);
    if (c === 92) {
      this.#escape = 1;
    } else if (c === 34) {
      if (this.#isKey) {
        this.#key = this.#str;
        this.#state = COLON;
      } else {
        this.#setSlot(this.#str);
        this.#state = AFTER_VALUE;
      }
      this.#str = '';
    } else {
      this.#fail(at, text, 'no control character in a string');
      return n;
    }
    return at + 1;
  }

  /** Consumes number characters from `i`; returns where the number's text stopped, or -1 on an error. */
  #consumeNumber(text: string, i: number): number {
    const start = i;
    const n = text.length;
    let s = this.#numState;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      const next = numberStep(s, c);
      if (next === -1) {
        // A character that cannot continue the number ends it, if the number may end here.
        this.#num += text.slice(start, i);
        if (!isNumberEnd(s) || isLeadingZeroDigit(s, c)) {
          this.#fail(i, text, 'a digit');
          return -1;
        }
        this.#attach(Number(this.#num));
        this.#state = AFTER_VALUE;
        return i;
      }
      s = next;
    }
    this.#num += text.slice(start);
    this.#numState = s;
    return n;
  }

  #attach(value: unknown): void {
    const top = this.#stack[this.#stack.length - 1];
    if (top === undefined) this.#root = value;
    else if (Array.isArray(top)) top.push(value);
    else setOwn(top, this.#key, value);
  }

  #setSlot(value: string): void {
    const slot = this.#slot;
    if (slot === undefined) this.#root = value;
    else if (Array.isArray(slot)) slot[this.#slotKey as number] = value;
    else setOwn(slot, this.#slotKey as string, value);
  }

  #close(): void {
    this.#stack.pop();
    this.#state = AFTER_VALUE;
  }

  #fail(i: number, text: string, expected: string): void {
    this.#state = FAILED;
    this.#error = { position: this.#offset + i, found: text.charAt(i), expected };
  }
}
