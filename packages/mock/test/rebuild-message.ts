// The message a stream's events add up to, rebuilt independently of the mock's own code
// (and of any SDK), so a test can compare a streamed reply with the JSON one.
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-argument, @typescript-eslint/restrict-plus-operands -- wire JSON is handled as parsed `any` */
import type { Json } from './helpers.js';

/**
 * The message a stream's events add up to, by the rules of Anthropic's streaming docs:
 * blocks start whole, text and thinking grow by deltas, citations are appended, tool input
 * is the JSON its fragments join into, and message_delta sets what the end decides.
 */
export function messageFromEvents(events: Json[]): Json {
  let message: Json;
  const inputs = new Map<number, string>();
  for (const event of events) {
    switch (event.type) {
      case 'message_start':
        message = structuredClone(event.message);
        break;
      case 'content_block_start':
        message.content[event.index] = structuredClone(event.content_block);
        break;
      case 'content_block_delta': {
        const block = message.content[event.index];
        const delta = event.delta;
        if (delta.type === 'text_delta') block.text += delta.text;
        else if (delta.type === 'thinking_delta') block.thinking += delta.thinking;
        else if (delta.type === 'signature_delta') block.signature = delta.signature;
        else if (delta.type === 'citations_delta') (block.citations ??= []).push(delta.citation);
        else if (delta.type === 'input_json_delta') inputs.set(event.index, (inputs.get(event.index) ?? '') + delta.partial_json);
        break;
      }
      case 'content_block_stop':
        if (inputs.has(event.index)) message.content[event.index].input = JSON.parse(inputs.get(event.index) ?? '{}');
        break;
      case 'message_delta':
        Object.assign(message, event.delta);
        Object.assign(message.usage, event.usage);
        break;
      default:
        break;
    }
  }
  return message;
}
