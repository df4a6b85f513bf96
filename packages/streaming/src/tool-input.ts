import { PartialJSON } from './partial-json.js';
import { PartialJSONError } from './partial-json-error.js';

/** A content block whose input arrives as `input_json_delta` fragments. */
export interface InputBlock {
  type: string;
  input?: unknown;
  name?: unknown;
}

interface Tracked {
  json: PartialJSON;
  /** The input the block started with (`{}` from Anthropic; llama.cpp sends none). */
  initial: unknown;
}

// The parser of each block whose input is still arriving. Kept beside the snapshot, not
// on it, so the blocks hold only API fields and a finished block holds nothing extra.
const tracked = new WeakMap<object, Tracked>();

/** Whether `input_json_delta` applies to the block: `tool_use` and its kin (`server_tool_use`, ...). */
export function takesInputJson(block: { type: unknown }): block is InputBlock {
  const type = block.type;
  return type === 'tool_use' || (typeof type === 'string' && type.endsWith('_tool_use'));
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
    entry = { json, initial };
    tracked.set(block, entry);
    Object.defineProperty(block, 'input', {
      get: () => json.value ?? initial,
      enumerable: true,
      configurable: true,
    });
  }
  entry.json.push(fragment);
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
  let input: unknown;
  try {
    input = entry.json.finish();
  } catch (error) {
    if (!PartialJSONError.isInstance(error) || error.reason === 'invalid') throw describeFailure(error, block, index);
    input = error.reason === 'empty' ? entry.initial : (entry.json.value ?? entry.initial);
  }
  tracked.delete(block);
  Object.defineProperty(block, 'input', { value: input, writable: true, enumerable: true, configurable: true });
}

/** Settles every block of `content` whose input is still arriving. */
export function closeAllInputs(content: readonly object[]): void {
  for (let i = 0; i < content.length; i++) {
    const block = content[i];
    if (block !== undefined && tracked.has(block)) closeInput(block as InputBlock, i);
  }
}

function describeFailure(error: unknown, block: InputBlock, index: number): unknown {
  if (!PartialJSONError.isInstance(error)) return error;
  const name = typeof block.name === 'string' ? ` (${JSON.stringify(block.name)})` : '';
  return new PartialJSONError({
    reason: error.reason,
    text: error.text,
    position: error.position,
    found: error.found,
    expected: error.expected,
    subject: `the input of ${block.type} block ${index}${name}`,
  });
}
