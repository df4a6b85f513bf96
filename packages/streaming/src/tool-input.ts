import { PartialJSON } from './partial-json.js';
import { PartialJSONError } from './partial-json-error.js';

/** A content block whose input arrives as `input_json_delta` fragments. */
export interface InputBlock {
  type: string;
  input?: unknown;
  name?: unknown;
}

// The parser of each block whose input is still arriving, and the input the block
// started with (`{}` from Anthropic; llama.cpp sends none). Kept beside the snapshot,
// not on it, so the blocks hold only API fields and a finished block holds nothing extra.
const tracked = new WeakMap<object, [json: PartialJSON, initial: unknown]>();

const setInput = (block: InputBlock, descriptor: PropertyDescriptor): InputBlock =>
  Object.defineProperty(block, 'input', { enumerable: true, configurable: true, ...descriptor });

/** Whether `input_json_delta` applies to the block: `tool_use` and its kin (`server_tool_use`, ...). */
export function takesInputJson(block: { type: unknown }): block is InputBlock {
  const type = block.type;
  return typeof type === 'string' && (type === 'tool_use' || type.endsWith('_tool_use'));
}

/**
 * Appends a fragment of the block's input. While the input is arriving, `block.input`
 * is a getter that yields the value parsed so far, so the snapshot is always readable
 * and nothing is parsed unless someone reads it.
 */
export function appendInput(block: InputBlock, fragment: string): void {
  let entry = tracked.get(block);
  if (entry === undefined) {
    const json = new PartialJSON();
    const initial = block.input ?? {};
    tracked.set(block, (entry = [json, initial]));
    setInput(block, { get: () => json.value ?? initial });
  }
  entry[0].push(fragment);
}

/**
 * Settles the input at `content_block_stop`: the parsed JSON; the initial input (`{}`)
 * when the fragments were empty; when the text was cut short (a `max_tokens` stop in the
 * middle of a call) the value parsed so far.
 * @throws PartialJSONError when the text is not JSON; the error keeps the raw text.
 */
export function closeInput(block: InputBlock, index: number): void {
  const entry = tracked.get(block);
  if (entry === undefined) return;
  const [json, initial] = entry;
  let input: unknown;
  try {
    input = json.finish();
  } catch (error) {
    if (!PartialJSONError.isInstance(error)) throw error;
    if (error.reason === 'invalid') {
      const name = typeof block.name === 'string' ? ` (${JSON.stringify(block.name)})` : '';
      const { reason, text, position, found, expected } = error;
      throw new PartialJSONError({ reason, text, position, found, expected, subject: `the input of ${block.type} block ${index}${name}` });
    }
    input = error.reason === 'empty' ? initial : (json.value ?? initial);
  }
  tracked.delete(block);
  setInput(block, { value: input, writable: true });
}

/** Settles every block of `content` whose input is still arriving. */
export function closeAllInputs(content: readonly object[]): void {
  content.forEach((block, i) => {
    if (tracked.has(block)) closeInput(block as InputBlock, i);
  });
}
