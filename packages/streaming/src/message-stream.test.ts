import type { ContentBlock, Message, MessageStreamEvent, TextCitation } from '@parley/core';
import { APIConnectionError, ParleyError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import { controlledBody, fixtureBytes, fixtureFrames, fixtureMessage, settle } from '../test/bodies.js';
import { MessageStream } from './message-stream.js';

function finished(name: string): MessageStream {
  const body = controlledBody(fixtureFrames(name));
  body.close();
  return MessageStream.fromReadableStream(body.body);
}

describe('MessageStream listeners', () => {
  it('calls every listener with the official SDK’s arguments, in order', async () => {
    const stream = finished('tool-use');
    const calls: string[] = [];
    const inputs: unknown[] = [];
    stream
      .on('connect', () => calls.push('connect'))
      .on('streamEvent', (event, snapshot) => calls.push(`streamEvent:${event.type}:${snapshot.content.length}`))
      .on('text', (delta, textSnapshot) => calls.push(`text:${delta}|${textSnapshot}`))
      .on('inputJson', (partial, parsed) => {
        calls.push(`inputJson:${partial}`);
        inputs.push(structuredClone(parsed));
      })
      .on('contentBlock', (block) => calls.push(`contentBlock:${block.type}`))
      .on('message', (message) => calls.push(`message:${message.id}`))
      .on('finalMessage', (message) => calls.push(`finalMessage:${message.stop_reason ?? ''}`))
      .on('end', () => calls.push('end'));
    await stream.done();
    expect(calls.filter((call) => !call.startsWith('streamEvent') && !call.startsWith('inputJson'))).toEqual([
      'connect',
      'text:Let me check the weather.|Let me check the weather.',
      'contentBlock:text',
      'contentBlock:tool_use',
      'contentBlock:tool_use',
      'message:msg_014p7gG3wDgGV9EUtLvnow3U',
      'finalMessage:tool_use',
      'end',
    ]);
    expect(calls.filter((call) => call.startsWith('streamEvent'))).toHaveLength(22);
    expect(calls[1]).toBe('streamEvent:message_start:0');
    // The parsed snapshot after each fragment of get_weather's input (then get_time's empty one).
    expect(inputs).toEqual([
      {},
      {},
      { location: 'San Fra' },
      { location: 'San Francisco, CA', unit: 'fahr' },
      { location: 'San Francisco, CA', unit: 'fahrenheit' },
      { location: 'San Francisco, CA', unit: 'fahrenheit', days: 12, note: 'line' },
      { location: 'San Francisco, CA', unit: 'fahrenheit', days: 12, note: 'line\nbreak ' },
      { location: 'San Francisco, CA', unit: 'fahrenheit', days: 12, note: 'line\nbreak été \ud83d' },
      { location: 'San Francisco, CA', unit: 'fahrenheit', days: 12, note: 'line\nbreak été 😀', nested: { a: [1] } },
      { location: 'San Francisco, CA', unit: 'fahrenheit', days: 12, note: 'line\nbreak été 😀', nested: { a: [1, -2500, true] } },
      { location: 'San Francisco, CA', unit: 'fahrenheit', days: 12, note: 'line\nbreak été 😀', nested: { a: [1, -2500, true, null] } },
      {},
    ]);
  });

  it('reports thinking, signatures and citations with their snapshots', async () => {
    const thinking: [string, string][] = [];
    const signatures: string[] = [];
    await finished('thinking')
      .on('thinking', (delta, snapshot) => thinking.push([delta, snapshot]))
      .on('signature', (signature) => signatures.push(signature))
      .done();
    expect(thinking).toEqual([
      ['Let me solve this step by step:\n\n1. First', 'Let me solve this step by step:\n\n1. First'],
      [' break down 27 * 453', 'Let me solve this step by step:\n\n1. First break down 27 * 453'],
    ]);
    expect(signatures).toEqual(['EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds']);

    const citations: [TextCitation, number][] = [];
    await finished('citations')
      .on('citation', (citation, soFar) => citations.push([citation, soFar.length]))
      .done();
    expect(citations.map(([citation, count]) => [citation.type, count])).toEqual([
      ['char_location', 1],
      ['page_location', 2],
    ]);
  });

  it('reports a citation of every kind, with its block’s citations so far', async () => {
    const citations: [string, string[]][] = [];
    await finished('citation-kinds')
      .on('citation', (citation, soFar) => citations.push([citation.type, soFar.map((one) => one.type)]))
      .done();
    expect(citations).toEqual([
      ['char_location', ['char_location']],
      ['page_location', ['page_location']],
      ['content_block_location', ['content_block_location']],
      ['web_search_result_location', ['web_search_result_location']],
      ['search_result_location', ['search_result_location']],
      ['char_location', ['search_result_location', 'char_location']],
    ]);
    const webSearch: string[] = [];
    await finished('web-search')
      .on('citation', (citation) => webSearch.push(citation.cited_text))
      .done();
    expect(webSearch).toEqual([
      'Partly cloudy with a high of 72°F and a low of 58°F. Winds from the southwest at 5 to 10 mph.',
      'May in New York is mild, with average highs near 70°F.',
    ]);
  });

  it('reports a server tool’s input as it streams, and every block (result and unknown ones too) when it ends', async () => {
    const inputs: [string, unknown][] = [];
    const blocks: string[] = [];
    await finished('code-execution')
      .on('inputJson', (partial, parsed) => inputs.push([partial, structuredClone(parsed)]))
      .on('contentBlock', (block) => blocks.push(block.type))
      .done();
    expect(inputs).toEqual([
      ['{"command": "create", "path": "/mnt/sum.py", ', { command: 'create', path: '/mnt/sum.py' }],
      ['"file_text": "total = sum(range(10))\\', { command: 'create', path: '/mnt/sum.py', file_text: 'total = sum(range(10))' }],
      ['nprint(f\\"total={total}\\', { command: 'create', path: '/mnt/sum.py', file_text: 'total = sum(range(10))\nprint(f"total={total}' }],
      ['")\\n"}', { command: 'create', path: '/mnt/sum.py', file_text: 'total = sum(range(10))\nprint(f"total={total}")\n' }],
      ['{"command": "pyth', { command: 'pyth' }],
      ['on /mnt/sum.py"}', { command: 'python /mnt/sum.py' }],
    ]);
    expect(blocks).toEqual(['text', 'server_tool_use', 'text_editor_code_execution_tool_result', 'server_tool_use', 'bash_code_execution_tool_result', 'text']);

    const unknown: unknown[] = [];
    await finished('unknown-server-block')
      .on('contentBlock', (block) => unknown.push(block))
      .done();
    expect(unknown.slice(2)).toEqual(fixtureMessage('unknown-server-block').content.slice(2));
    expect(unknown.map((block) => (block as { type: string }).type)).toEqual(['text', 'server_tool_use', 'map_search_tool_result', 'text', 'map_tile']);
  });

  it('calls a once listener once, and off removes a listener', async () => {
    const stream = finished('text');
    const once: string[] = [];
    const removed: string[] = [];
    const listener = (delta: string): void => {
      removed.push(delta);
    };
    stream.once('text', (delta) => once.push(delta)).on('text', listener).off('text', listener);
    await stream.done();
    expect(once).toEqual(['Grüße 👋 — ']);
    expect(removed).toEqual([]);
  });

  it('resolves emitted() with the event’s argument(s)', async () => {
    const stream = finished('text');
    const [message, text, end] = await Promise.all([stream.emitted('finalMessage'), stream.emitted('text'), stream.emitted('end')]);
    expect(message).toEqual(fixtureMessage('text'));
    expect(text).toEqual(['Grüße 👋 — ', 'Grüße 👋 — ']);
    expect(end).toBeUndefined();
    await expect(stream.emitted('end')).resolves.toBeUndefined();
    await expect(stream.emitted('text')).rejects.toThrow('already ended');
  });

  it('rejects emitted() when the stream ends without the event, or fails first', async () => {
    await expect(finished('text').emitted('citation')).rejects.toThrow('ended without emitting "citation"');
    const failing = finished('overloaded');
    await expect(failing.emitted('finalMessage')).rejects.toMatchObject({ name: 'OverloadedError' });
    await expect(finished('overloaded').emitted('error')).resolves.toMatchObject({ name: 'OverloadedError' });
  });
});

describe('MessageStream helpers', () => {
  it('gives the final message, its text and done()', async () => {
    const stream = finished('citations');
    await expect(stream.done()).resolves.toBeUndefined();
    await expect(stream.finalMessage()).resolves.toEqual(fixtureMessage('citations'));
    await expect(stream.finalText()).resolves.toBe('According to the document, the grass is green.');
    await expect(finished('llama-parallel').finalText()).resolves.toBe('');
    expect([stream.ended, stream.errored, stream.aborted]).toEqual([true, false, false]);
  });

  it('exposes the snapshot so far as currentMessage', async () => {
    const body = controlledBody();
    const stream = MessageStream.fromReadableStream(body.body);
    const seen: (string | undefined)[] = [];
    stream.on('text', () => {
      const block = stream.currentMessage?.content[0];
      seen.push(block?.type === 'text' ? block.text : undefined);
    });
    expect(stream.currentMessage).toBeUndefined();
    const [start, blockStart, delta1, delta2] = fixtureFrames('no-event-lines');
    body.push(`${start ?? ''}${blockStart ?? ''}`);
    await settle();
    expect(stream.currentMessage?.id).toBe('msg_01XFDUDYJgAACzvnptvVoYEL');
    body.push(`${delta1 ?? ''}${delta2 ?? ''}`);
    await settle();
    expect(seen).toEqual(['Hello', 'Hello, world']);
    stream.abort();
  });

  it('iterates over events, unknown ones included, and over text only', async () => {
    const types: string[] = [];
    for await (const event of finished('unknown')) types.push(event.type);
    expect(types).toContain('message_annotation');
    const texts: string[] = [];
    for await (const text of finished('text').textStream) texts.push(text);
    expect(texts.join('')).toBe('Grüße 👋 — 日本語で\u2028line two\u2028three\n');
  });

  it('reads nothing until something consumes it, so a late iterator sees every event', async () => {
    const body = controlledBody(fixtureFrames('text'));
    body.close();
    const stream = MessageStream.fromReadableStream(body.body);
    await settle();
    expect(stream.currentMessage).toBeUndefined();
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types[0]).toBe('message_start');
    expect(types).toHaveLength(9);
  });

  it('pulls only as fast as a lone iterator asks', async () => {
    const body = controlledBody();
    const stream = MessageStream.fromReadableStream(body.body);
    const iterator = stream[Symbol.asyncIterator]();
    const frames = fixtureFrames('text');
    const first = iterator.next();
    await settle();
    expect(body.pulls).toBe(1);
    body.push(frames.slice(0, 3).join(''));
    expect((await first).value).toMatchObject({ type: 'message_start' });
    await settle();
    // Three events arrived in one chunk; the two not yet asked for wait, and nothing more is read.
    expect(body.pulls).toBe(1);
    expect((await iterator.next()).value).toMatchObject({ type: 'content_block_start' });
    expect((await iterator.next()).value).toMatchObject({ type: 'ping' });
    await iterator.return?.();
    expect(body.cancelled).toBe(true);
  });

  it('writes JSON lines that fromReadableStream reads back into the same events and message', async () => {
    const bytes = await new Response(finished('tool-use').toReadableStream()).text();
    const lines = bytes.trimEnd().split('\n');
    expect(lines).toHaveLength(22);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ type: 'message_start' });
    const roundTrip = MessageStream.fromReadableStream(new Response(bytes).body ?? new ReadableStream());
    const events: MessageStreamEvent[] = [];
    for await (const event of roundTrip) events.push(event);
    expect(events.map((event) => JSON.stringify(event))).toEqual(lines);
    await expect(roundTrip.finalMessage()).resolves.toEqual(fixtureMessage('tool-use'));
  });

  it('relays a mid-stream API error as an error line, so the reader fails with the same class', async () => {
    const relayed = MessageStream.fromReadableStream(finished('overloaded').toReadableStream());
    const error = await relayed.finalMessage().catch((err: unknown) => err);
    expect(error).toMatchObject({ name: 'OverloadedError', status: 529, type: 'overloaded_error' });
    expect((error as ParleyError).partialMessage?.content).toEqual([{ type: 'text', text: 'Partial ans' }]);
  });

  it('writes what the official SDK reads, and reads what it writes', async () => {
    const { MessageStream: OfficialStream } = await import('@anthropic-ai/sdk/lib/MessageStream');
    const official = OfficialStream.fromReadableStream(finished('thinking').toReadableStream());
    expect(await official.finalMessage()).toMatchObject(fixtureMessage('thinking'));
    const back = MessageStream.fromReadableStream(OfficialStream.fromReadableStream(finished('citations').toReadableStream()).toReadableStream());
    await expect(back.finalMessage()).resolves.toEqual(fixtureMessage('citations'));
  });

  it('builds the same final message as the official SDK from the same bytes: server tools, results, citations, pause_turn, unknown blocks', async () => {
    const { default: Anthropic } = await import('@anthropic-ai/sdk');
    for (const name of ['web-search', 'code-execution', 'pause-turn', 'citation-kinds', 'unknown-server-block']) {
      // No wire here on purpose: the point is how each SDK folds the same bytes.
      const official = new Anthropic({ apiKey: 'sk-test', fetch: () => Promise.resolve(new Response(fixtureFrames(name).join(''), { headers: { 'content-type': 'text/event-stream' } })) });
      const { parsed_output: _parsed, ...message } = await official.messages.stream({ model: 'm', max_tokens: 1, messages: [] }).finalMessage();
      expect(JSON.parse(JSON.stringify(message)), name).toEqual(fixtureMessage(name));
      await expect(finished(name).finalMessage(), name).resolves.toEqual(fixtureMessage(name));
    }
  });

  it('accepts any async iterable of bytes as a body', async () => {
    async function* body(): AsyncGenerator<Uint8Array> {
      yield fixtureBytes('thinking');
    }
    const message: Message = await MessageStream.fromReadableStream(body()).finalMessage();
    expect(message).toEqual(fixtureMessage('thinking'));
  });

  it('ends well when a relay leaves out message_stop after message_delta', async () => {
    const frames = fixtureFrames('text').slice(0, -1);
    const body = controlledBody(frames);
    body.close();
    const stream = MessageStream.fromReadableStream(body.body);
    const messages: ContentBlock[][] = [];
    stream.on('message', (message) => messages.push(message.content));
    await expect(stream.finalMessage()).resolves.toEqual(fixtureMessage('text'));
    expect(messages).toHaveLength(1);
  });

  it('fails when the body ends before the message is whole, or holds no message', async () => {
    const cut = controlledBody(fixtureFrames('text').slice(0, 5));
    cut.close();
    const error = await MessageStream.fromReadableStream(cut.body).finalMessage().catch((err: unknown) => err);
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toBe('The stream ended before message_stop: the connection closed early.');
    expect((error as ParleyError).partialMessage?.content).toEqual([{ type: 'text', text: 'Grüße 👋 — 日本語で\u2028line' }]);

    const empty = controlledBody([': nothing here\n\n']);
    empty.close();
    await expect(MessageStream.fromReadableStream(empty.body).done()).rejects.toThrow('The stream ended without a message_start event.');
  });

  it('fails with a clear error on data that is not JSON', async () => {
    const body = controlledBody([fixtureFrames('text')[0] ?? '', 'event: content_block_start\ndata: {not json\n\n']);
    body.close();
    const error = await MessageStream.fromReadableStream(body.body).done().catch((err: unknown) => err);
    expect(error).toMatchObject({ name: 'APIConnectionError', message: 'The stream sent data that is not JSON in a "content_block_start" event: "{not json"' });
    expect((error as ParleyError).partialMessage?.id).toBe('msg_01XFDUDYJgAACzvnptvVoYEL');
  });

  it('fails with the error a listener throws, wrapped, and stops reading', async () => {
    const body = controlledBody(fixtureFrames('text'));
    const stream = MessageStream.fromReadableStream(body.body);
    const bug = new TypeError('listener bug');
    stream.on('text', () => {
      throw bug;
    });
    const error = await stream.done().catch((err: unknown) => err);
    expect(ParleyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ message: 'The stream failed: listener bug', cause: bug });
    expect(body.cancelled).toBe(true);
  });

  it('reports each message of a body that holds two, the last one as final, and skips a [DONE] line', async () => {
    const first = fixtureFrames('no-event-lines');
    const second = fixtureFrames('thinking');
    const body = controlledBody([...first, ...second, 'data: [DONE]\n\n']);
    body.close();
    const stream = MessageStream.fromReadableStream(body.body);
    const ids: string[] = [];
    stream.on('message', (message) => ids.push(message.id));
    await expect(stream.finalMessage()).resolves.toEqual(fixtureMessage('thinking'));
    expect(ids).toEqual(['msg_01XFDUDYJgAACzvnptvVoYEL', 'msg_01Thinking7Qb3']);
  });

  it('streams a server-sent-events body given to fromReadableStream', async () => {
    await expect(finished('comments-pings').finalText()).resolves.toBe('Still here.');
  });
});
