import type { Message, MessageStreamEvent } from '@parley/core';
import { describe, expect, it } from 'vitest';
import { accumulate } from './accumulate.js';
import type { UnknownStreamEvent } from './events.js';
import { PartialJSONError } from './partial-json-error.js';

const start = (usage: Record<string, number> = { input_tokens: 10, output_tokens: 1 }): MessageStreamEvent =>
  ({
    type: 'message_start',
    message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], model: 'm', stop_reason: null, stop_sequence: null, usage },
  }) as unknown as MessageStreamEvent;

const events = (...list: unknown[]): (MessageStreamEvent | UnknownStreamEvent)[] => list as (MessageStreamEvent | UnknownStreamEvent)[];

function fold(list: (MessageStreamEvent | UnknownStreamEvent)[], snapshot?: Message): Message {
  let message = snapshot;
  for (const event of list) message = accumulate(message, event);
  if (message === undefined) throw new Error('no events');
  return message;
}

const toolStart = (index: number, extra: Record<string, unknown> = { input: {} }) => ({
  type: 'content_block_start',
  index,
  content_block: { type: 'tool_use', id: `toolu_${index}`, name: 'get_weather', ...extra },
});
const json = (index: number, partial_json: string) => ({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } });
const stopBlock = (index: number) => ({ type: 'content_block_stop', index });

describe('accumulate', () => {
  it('starts a snapshot from message_start without sharing the event’s objects', () => {
    const event = start();
    const snapshot = accumulate(undefined, event);
    const eventMessage = (event as { message: Message }).message;
    expect(snapshot).toEqual(eventMessage);
    expect(snapshot).not.toBe(eventMessage);
    expect(snapshot.content).not.toBe(eventMessage.content);
    expect(snapshot.usage).not.toBe(eventMessage.usage);
  });

  it('mutates and returns the same snapshot for every later event, never the events', () => {
    const blockStart = { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } };
    const snapshot = fold(events(start()));
    const after = fold(events(blockStart, { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } }), snapshot);
    expect(after).toBe(snapshot);
    expect(after.content).toEqual([{ type: 'text', text: 'Hi' }]);
    expect(blockStart.content_block.text).toBe('');
  });

  it('merges message_delta usage so message_start fields survive, and null never overwrites', () => {
    const message = fold(
      events(start({ input_tokens: 10, cache_creation_input_tokens: 4, cache_read_input_tokens: 2, output_tokens: 1 }), {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 30, input_tokens: null, cache_read_input_tokens: 5 },
      }),
    );
    expect(message.usage).toEqual({ input_tokens: 10, cache_creation_input_tokens: 4, cache_read_input_tokens: 5, output_tokens: 30 });
    expect([message.stop_reason, message.stop_sequence]).toEqual(['end_turn', null]);
  });

  it('keeps stop_sequence when a relay leaves it out of message_delta, and takes new delta fields', () => {
    const message = fold(
      events(
        start(),
        { type: 'message_delta', delta: { stop_reason: 'stop_sequence', stop_sequence: 'END' }, usage: { output_tokens: 2 } },
        { type: 'message_delta', delta: { stop_reason: 'pause_turn', container: { id: 'c1' } }, usage: { output_tokens: 3 } },
      ),
    );
    expect(message).toMatchObject({ stop_reason: 'pause_turn', stop_sequence: 'END', container: { id: 'c1' } });
  });

  it('takes container, stop_details and usage.server_tool_use from message_delta; a null there keeps what the message holds', () => {
    const container = { id: 'container_011CRqdWWHnN8KSjGbz6nq3b', expires_at: '2025-11-23T12:34:56Z' };
    const stopDetails = { type: 'refusal', category: 'cyber', explanation: null };
    const taken = fold(
      events(start({ input_tokens: 10, output_tokens: 1 }), {
        type: 'message_delta',
        delta: { stop_reason: 'refusal', stop_sequence: null, stop_details: stopDetails, container },
        usage: { output_tokens: 9, server_tool_use: { web_search_requests: 2, web_fetch_requests: 1 } },
      }),
    );
    expect(taken).toMatchObject({ stop_reason: 'refusal', stop_details: stopDetails, container });
    expect(taken.usage).toEqual({ input_tokens: 10, output_tokens: 9, server_tool_use: { web_search_requests: 2, web_fetch_requests: 1 } });

    const begun = start();
    (begun as { message: Message }).message.container = container;
    const kept = fold(events(begun, { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null, container: null, stop_details: null }, usage: { output_tokens: 2 } }));
    expect([kept.container, kept.stop_details, kept.stop_sequence]).toEqual([container, null, null]);
  });

  it('never lets __proto__ in a delta reach a prototype', () => {
    const delta = JSON.parse('{"stop_reason":"end_turn","__proto__":{"polluted":true}}') as unknown;
    const usage = JSON.parse('{"output_tokens":1,"__proto__":{"polluted":true}}') as unknown;
    const message = fold(events(start(), { type: 'message_delta', delta, usage }));
    expect(Object.getPrototypeOf(message)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(message.usage)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('applies thinking, signature and citations deltas', () => {
    const citation = { type: 'char_location', cited_text: 'x', document_index: 0, document_title: null, start_char_index: 0, end_char_index: 1 };
    const message = fold(
      events(
        start(),
        { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'a' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'b' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
        { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '', citations: null } },
        { type: 'content_block_delta', index: 1, delta: { type: 'citations_delta', citation } },
      ),
    );
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'ab', signature: 'sig' },
      { type: 'text', text: '', citations: [citation] },
    ]);
  });

  it('keeps unknown events, block types and delta types without changing what it knows', () => {
    const message = fold(
      events(
        start(),
        { type: 'brand_new_event', payload: 1 },
        { type: 'content_block_start', index: 0, content_block: { type: 'hologram', frames: [1] } },
        { type: 'content_block_delta', index: 0, delta: { type: 'hologram_delta', frame: 2 } },
        { type: 'content_block_stop', index: 0 },
        { type: 'content_block_start', index: 1, content_block: { type: 'text', text: 'a' } },
        { type: 'content_block_delta', index: 1, delta: { type: 'text_sparkle_delta', sparkle: true } },
        { type: 'content_block_delta', index: 1, delta: { type: 'thinking_delta', thinking: 'misplaced' } },
        { type: 'content_block_delta', index: 7, delta: { type: 'text_delta', text: 'nowhere' } },
      ),
    );
    expect(message.content).toEqual([{ type: 'hologram', frames: [1] }, { type: 'text', text: 'a' }]);
  });

  it('shows a tool input parsed so far while it streams, then the parsed object at block stop', () => {
    const snapshot = fold(events(start(), toolStart(0), json(0, ''), json(0, '{"city": "Os')));
    const block = snapshot.content[0] as { input: unknown };
    expect(block.input).toEqual({ city: 'Os' });
    fold(events(json(0, 'lo"}'), stopBlock(0)), snapshot);
    expect(block.input).toEqual({ city: 'Oslo' });
    expect(Object.getOwnPropertyDescriptor(block, 'input')).toMatchObject({ value: { city: 'Oslo' }, writable: true, enumerable: true });
  });

  it('gives {} for an empty input, and keeps an input that came whole in the start event', () => {
    const message = fold(
      events(start(), toolStart(0, {}), json(0, ''), stopBlock(0), toolStart(1, { input: { given: true } }), stopBlock(1), toolStart(2), stopBlock(2)),
    );
    expect(message.content.map((block) => (block as { input: unknown }).input)).toEqual([{}, { given: true }, {}]);
  });

  it('tracks the inputs of several blocks open at once (llama.cpp)', () => {
    const message = fold(
      events(start(), toolStart(0, {}), toolStart(1, {}), json(1, '{"b":'), json(0, '{"a":'), json(0, '1}'), json(1, '2}'), stopBlock(0), stopBlock(1)),
    );
    expect(message.content.map((block) => (block as { input: unknown }).input)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('applies input_json_delta to other tool-use kinds, such as server_tool_use', () => {
    const message = fold(
      events(start(), { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 's1', name: 'web_search', input: {} } }, json(0, '{"query": "x"}'), stopBlock(0)),
    );
    expect(message.content[0]).toEqual({ type: 'server_tool_use', id: 's1', name: 'web_search', input: { query: 'x' } });
  });

  it('throws a clear error keeping the raw text when the input is not JSON', () => {
    const snapshot = fold(events(start(), toolStart(0), json(0, '{"city": Oslo}')));
    let thrown: unknown;
    try {
      accumulate(snapshot, stopBlock(0));
    } catch (error) {
      thrown = error;
    }
    expect(PartialJSONError.isInstance(thrown)).toBe(true);
    const error = thrown as PartialJSONError;
    expect(error.text).toBe('{"city": Oslo}');
    expect(error.message).toBe(
      'Invalid JSON in the input of tool_use block 0 ("get_weather") at position 9: found "O" where a value was expected (near "{\\"city\\": Oslo}").',
    );
  });

  it('keeps what was received of an input cut short (max_tokens)', () => {
    const message = fold(events(start(), toolStart(0), json(0, '{"a": [1, "tw'), stopBlock(0)));
    expect((message.content[0] as { input: unknown }).input).toEqual({ a: [1, 'tw'] });
  });

  it('settles inputs still open at message_stop', () => {
    const message = fold(events(start(), toolStart(0), json(0, '{"a": 1}'), { type: 'message_stop' }));
    expect(Object.getOwnPropertyDescriptor(message.content[0], 'input')?.value).toEqual({ a: 1 });
  });

  it('applies events that come before message_start to an empty message', () => {
    const message = accumulate(undefined, { type: 'ping' });
    expect(message).toEqual({
      id: '',
      type: 'message',
      role: 'assistant',
      content: [],
      model: '',
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 0, output_tokens: 0 },
    });
  });
});
