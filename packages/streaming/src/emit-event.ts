import type { Message, MessageStreamEvent } from '@parley/core';
import type { Listeners } from './listeners.js';
import type { MessageStreamEvents } from './message-stream-types.js';
import { takesInputJson } from './tool-input.js';

/**
 * Calls the listeners one event concerns, after the snapshot has taken it in. Each
 * listener's arguments are only computed when someone listens, which keeps a text delta
 * nobody listens to down to a few lookups.
 */
export function emitEvent(listeners: Listeners<MessageStreamEvents>, event: MessageStreamEvent, snapshot: Message): void {
  if (listeners.has('streamEvent')) listeners.emit('streamEvent', event, snapshot);
  switch (event.type) {
    case 'content_block_delta': {
      const block = snapshot.content[event.index];
      if (block === undefined) return;
      const delta = event.delta;
      switch (delta.type) {
        case 'text_delta':
          if (block.type === 'text' && listeners.has('text')) listeners.emit('text', delta.text, block.text);
          return;
        case 'input_json_delta':
          // Reading `input` advances the incremental parser over this delta only.
          if (takesInputJson(block) && listeners.has('inputJson')) listeners.emit('inputJson', delta.partial_json, block.input);
          return;
        case 'thinking_delta':
          if (block.type === 'thinking' && listeners.has('thinking')) listeners.emit('thinking', delta.thinking, block.thinking);
          return;
        case 'signature_delta':
          if (block.type === 'thinking') listeners.emit('signature', delta.signature);
          return;
        case 'citations_delta':
          if (block.type === 'text') listeners.emit('citation', delta.citation, block.citations ?? []);
          return;
        default:
          return;
      }
    }
    case 'content_block_stop': {
      const block = snapshot.content[event.index];
      if (block !== undefined) listeners.emit('contentBlock', block);
      return;
    }
    case 'message_stop':
      listeners.emit('message', snapshot);
      return;
    default:
      return;
  }
}
