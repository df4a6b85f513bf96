// client.messages.stream and every MessageStream helper, fed by llama-server's SSE.
import { expect, it } from 'vitest';
import type { ContentBlock, Message } from '../../src/index.js';
import { alias, clientFor, describeReal } from './real-server.js';

const PARAMS = { model: alias('text'), max_tokens: 12, messages: [{ role: 'user' as const, content: 'Hello' }] };

describeReal('messages.stream against llama-server', () => {
  it('yields every text delta through textStream, agreeing with finalText and finalMessage', async () => {
    const stream = clientFor('text').messages.stream(PARAMS);
    const deltas: string[] = [];
    for await (const delta of stream.textStream) deltas.push(delta);
    expect(deltas.length).toBeGreaterThan(0);
    const text = deltas.join('');
    expect(await stream.finalText()).toBe(text);
    const message = await stream.finalMessage();
    expect(message.content).toEqual([{ type: 'text', text }]);
    // One delta per generated token (a token the server holds back joins the next delta).
    expect(message.usage.output_tokens).toBeGreaterThanOrEqual(deltas.length);
  });

  it('calls the listeners in order, with snapshots that grow with each delta', async () => {
    const stream = clientFor('text').messages.stream(PARAMS);
    const calls: string[] = [];
    const texts: [string, string][] = [];
    const blocks: ContentBlock[] = [];
    const finals: Message[] = [];
    stream
      .on('connect', () => calls.push('connect'))
      .on('streamEvent', (event) => calls.push(event.type))
      .on('text', (delta, snapshot) => texts.push([delta, snapshot]))
      .on('contentBlock', (block) => blocks.push(structuredClone(block)))
      .on('message', () => calls.push('message'))
      .on('finalMessage', (message) => finals.push(message))
      .on('end', () => calls.push('end'));
    const final = await stream.finalMessage();

    expect(calls[0]).toBe('connect');
    expect(calls[1]).toBe('message_start');
    expect(calls.slice(-3)).toEqual(['message_stop', 'message', 'end']);
    expect(calls).not.toContain('ping');
    let sofar = '';
    for (const [delta, snapshot] of texts) {
      sofar += delta;
      expect(snapshot).toBe(sofar);
    }
    expect(blocks).toEqual(final.content);
    expect(finals).toEqual([final]);
    expect(stream.ended).toBe(true);
    expect(stream.errored).toBe(false);
  });

  it('exposes currentMessage mid-stream, growing in place until the final message', async () => {
    const stream = clientFor('text').messages.stream(PARAMS);
    expect(stream.currentMessage).toBeUndefined();
    const seen: { id: string | undefined; text: string; stop: string | null | undefined }[] = [];
    stream.on('text', (_delta, snapshot) => {
      const current = stream.currentMessage;
      const block = current?.content[0];
      expect(block?.type === 'text' ? block.text : undefined).toBe(snapshot);
      seen.push({ id: current?.id, text: snapshot, stop: current?.stop_reason });
    });
    const final = await stream.finalMessage();

    expect(seen.length).toBeGreaterThan(1);
    // Mid-stream the message has its id but no stop reason yet.
    for (const moment of seen) expect(moment).toMatchObject({ id: final.id, stop: null });
    expect(final.id).toMatch(/^chatcmpl-/);
    expect(final.stop_reason).not.toBeNull();
    expect(stream.currentMessage).toEqual(final);
    expect(final.usage.input_tokens).toBeGreaterThan(0);
  });

  it('iterates the raw events, the same ones the listeners see', async () => {
    const stream = clientFor('text').messages.stream(PARAMS);
    const heard: string[] = [];
    stream.on('streamEvent', (event) => heard.push(event.type));
    const iterated: string[] = [];
    for await (const event of stream) iterated.push(event.type);
    await stream.done();
    expect(iterated).toEqual(heard);
    expect(iterated[0]).toBe('message_start');
    expect(iterated.at(-1)).toBe('message_stop');
  });
});
