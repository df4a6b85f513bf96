import type {
  ContentBlock,
  ContentBlockDeltaEvent,
  ContentBlockStartEvent,
  Message,
  MessageDeltaEvent,
  MessageStreamEvent,
} from '@parley/core';
import type { UnknownStreamEvent } from './events.js';
import { setOwn } from './own.js';
import { appendInput, closeAllInputs, closeInput, takesInputJson } from './tool-input.js';

/**
 * The reducer behind every snapshot: applies one stream event to the message so far and
 * returns the message.
 *
 * For speed it **mutates and returns the same snapshot** (text grows in place, a block's
 * fields are updated where they are); only `message_start` returns a new object. Events
 * are never modified: blocks and usage are copied out of them before they change.
 *
 * - `message_start` starts a new snapshot (content and usage copied from the event).
 * - `content_block_start` puts a copy of the block at its `index`. Server tools' results
 *   (`web_search_tool_result`, `code_execution_tool_result`, ...), `redacted_thinking`,
 *   `container_upload` and unknown block types arrive whole and are kept as received.
 * - `content_block_delta`: `text_delta`, `thinking_delta`, `signature_delta`,
 *   `citations_delta` (any citation kind, appended to the text block's `citations`) and
 *   `input_json_delta` for `tool_use`, `server_tool_use` and other `*_tool_use` blocks
 *   (linear in the input's size, see {@link PartialJSON}); while a tool's input arrives,
 *   `block.input` is the value parsed so far. Unknown delta types, and deltas that do
 *   not fit the block, leave the snapshot as it is (a stream still surfaces them as
 *   events).
 * - `content_block_stop` settles a tool's input: the parsed JSON, `{}` when the input
 *   text was empty, the value parsed so far when the text was cut short (a `max_tokens`
 *   stop in the middle of a call). Invalid JSON throws a {@link PartialJSONError} that
 *   keeps the raw text.
 * - `message_delta` sets `stop_reason`, `stop_sequence`, `stop_details`, `container` (and
 *   any other field of the delta) and merges `usage` (`server_tool_use` and the rest):
 *   fields the delta omits, or sends as null where the message already has a value, keep
 *   their `message_start` values.
 * - `message_stop` settles inputs still open; `ping`, `error` and unknown events change
 *   nothing.
 *
 * An event before any `message_start` (which a well-formed stream never sends) is applied
 * to an empty message.
 *
 * @example
 * ```ts
 * let message: Message | undefined;
 * for (const event of events) message = accumulate(message, event);
 * ```
 */
export function accumulate(snapshot: Message | undefined, event: MessageStreamEvent | UnknownStreamEvent): Message {
  const known = event as MessageStreamEvent;
  if (known.type === 'message_start') return startMessage(known.message);
  const message = snapshot ?? emptyMessage();
  switch (known.type) {
    case 'content_block_delta':
      applyDelta(message, known);
      break;
    case 'content_block_start':
      startBlock(message, known);
      break;
    case 'content_block_stop': {
      const block = message.content[known.index];
      if (block !== undefined && takesInputJson(block)) closeInput(block, known.index);
      break;
    }
    case 'message_delta':
      applyMessageDelta(message, known);
      break;
    case 'message_stop':
      closeAllInputs(message.content);
      break;
    default:
      break;
  }
  return message;
}

function applyDelta(message: Message, event: ContentBlockDeltaEvent): void {
  const block = message.content[event.index];
  if (block === undefined) return;
  const delta = event.delta;
  switch (delta.type) {
    case 'text_delta':
      if (block.type === 'text') block.text += delta.text;
      break;
    case 'input_json_delta':
      if (takesInputJson(block)) appendInput(block, delta.partial_json);
      break;
    case 'thinking_delta':
      if (block.type === 'thinking') block.thinking += delta.thinking;
      break;
    case 'signature_delta':
      if (block.type === 'thinking') block.signature = delta.signature;
      break;
    case 'citations_delta':
      if (block.type === 'text') (block.citations ??= []).push(delta.citation);
      break;
    default:
      break;
  }
}

function startBlock(message: Message, event: ContentBlockStartEvent): void {
  const block = copyBlock(event.content_block);
  const index = event.index;
  if (Number.isInteger(index) && index >= 0) message.content[index] = block;
  else message.content.push(block);
}

/** A copy the snapshot may change without touching the event; fields the deltas append to are made present. */
function copyBlock(source: ContentBlock): ContentBlock {
  const block = { ...source };
  if (block.type === 'text') {
    if (typeof block.text !== 'string') block.text = '';
    if (Array.isArray(block.citations)) block.citations = [...block.citations];
  } else if (block.type === 'thinking') {
    if (typeof block.thinking !== 'string') block.thinking = '';
  } else if (takesInputJson(block)) {
    const tool = block as { input?: unknown };
    tool.input ??= {};
  }
  return block;
}

function applyMessageDelta(message: Message, event: MessageDeltaEvent): void {
  const delta = event.delta as Record<string, unknown> | undefined;
  // A null says "nothing to report" (`container: null` when no container tool ran), not
  // "forget": a container message_start named survives, as in the official SDK.
  if (delta) {
    for (const key of Object.keys(delta)) {
      const value = delta[key];
      const held = Object.hasOwn(message, key) ? (message as unknown as Record<string, unknown>)[key] : undefined;
      if (value !== null || held === undefined || held === null) setOwn(message, key, value);
    }
  }
  const usage = event.usage as Record<string, unknown> | undefined;
  if (!usage) return;
  const target = ((message as { usage?: Message['usage'] }).usage ??= { input_tokens: 0, output_tokens: 0 });
  for (const key of Object.keys(usage)) {
    const value = usage[key];
    if (value !== null && value !== undefined) setOwn(target, key, value);
  }
}

function startMessage(source: Message): Message {
  const content = Array.isArray(source.content) ? source.content.map(copyBlock) : [];
  return { ...source, content, usage: { ...source.usage } };
}

function emptyMessage(): Message {
  return {
    id: '',
    type: 'message',
    role: 'assistant',
    content: [],
    model: '',
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 0, output_tokens: 0 },
  };
}
