import { JSONMachine } from './json-machine.js';
import { PartialJSONError } from './partial-json-error.js';

/**
 * An incremental JSON parser: push the text as it arrives, read the value parsed so far
 * at any time. It is a resumable state machine that only ever looks at characters it has
 * not seen, and the value is one live structure updated in place (objects and arrays
 * appear as soon as they open, strings grow as their characters arrive, numbers and
 * `true`/`false`/`null` appear once complete), so reading it after every chunk costs time
 * linear in the whole text. Nothing is parsed until the value is asked for; `finish()`
 * on text nobody watched is a single `JSON.parse`.
 *
 * @example
 * ```ts
 * const json = new PartialJSON();
 * json.push('{"city": "Os');
 * json.value; // { city: 'Os' }
 * json.push('lo", "days": [1, 2]}');
 * json.finish(); // { city: 'Oslo', days: [1, 2] }
 * ```
 */
export class PartialJSON {
  #text = '';
  #pending: string[] = [];
  #machine: JSONMachine | undefined = undefined;
  #final: { value: unknown } | undefined = undefined;

  /** Appends text. Cheap: the text is parsed only when {@link value} or {@link finish} needs it. */
  push(chunk: string): void {
    if (this.#final) throw new Error('PartialJSON.push() was called after finish()');
    if (chunk === '') return;
    this.#text += chunk;
    this.#pending.push(chunk);
  }

  /** All the text pushed so far. */
  get text(): string {
    return this.#text;
  }

  /**
   * The value parsed so far (`undefined` before any value has begun). The same object is
   * returned each time and grows in place. After a syntax error it stays as it was just
   * before the error; {@link finish} reports the error.
   */
  get value(): unknown {
    if (this.#final) return this.#final.value;
    return this.#advance().root;
  }

  /**
   * Parses what is left and returns the final value.
   * @throws PartialJSONError when the text is empty, cut short or not JSON; the error
   * keeps the raw text and says where it went wrong.
   */
  finish(): unknown {
    if (this.#final) return this.#final.value;
    if (this.#machine === undefined && this.#text !== '') {
      try {
        return this.#settle(JSON.parse(this.#text));
      } catch {
        // The state machine below says precisely what is wrong and where.
      }
    }
    const machine = this.#advance();
    const end = machine.end();
    if (end.kind !== 'complete') throw new PartialJSONError({ ...end, reason: end.kind, text: this.#text });
    return this.#settle(machine.root);
  }

  #advance(): JSONMachine {
    const machine = (this.#machine ??= new JSONMachine());
    const pending = this.#pending;
    if (pending.length > 0) {
      this.#pending = [];
      for (const chunk of pending) machine.push(chunk);
    }
    return machine;
  }

  #settle(value: unknown): unknown {
    this.#final = { value };
    this.#pending = [];
    return value;
  }
}
