import { APIConnectionError, APITimeoutError, APIUserAbortError, OverloadedError, type ParleyError, RateLimitError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import { controlledBody, fixtureFrames, settle, unhandledDuring } from '../test/bodies.js';
import { MessageStream } from './message-stream.js';

const frames = fixtureFrames('text');

/** Records what a stream's terminal listeners saw. */
function watch(stream: MessageStream): { events: string[]; errors: unknown[] } {
  const seen = { events: [] as string[], errors: [] as unknown[] };
  stream
    .on('error', (error) => {
      seen.events.push('error');
      seen.errors.push(error);
    })
    .on('abort', (error) => {
      seen.events.push('abort');
      seen.errors.push(error);
    })
    .on('end', () => seen.events.push('end'))
    .on('finalMessage', () => seen.events.push('finalMessage'));
  return seen;
}

const rejection = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => 'resolved',
    (error: unknown) => error,
  );

describe('MessageStream abort', () => {
  it('aborts before the response has arrived, and frees the response that comes later', async () => {
    let respond!: (response: Response) => void;
    const pending = new Promise<Response>((resolve) => (respond = resolve));
    const controller = new AbortController();
    const stream = MessageStream.fromResponse(pending, { controller });
    const seen = watch(stream);
    const final = rejection(stream.finalMessage());
    stream.abort();
    expect(APIUserAbortError.isInstance(await final)).toBe(true);
    expect((await final as ParleyError).partialMessage).toBeUndefined();
    expect(seen.events).toEqual(['abort', 'end']);
    expect(controller.signal.aborted).toBe(true);
    expect(stream.controller).toBe(controller);
    const late = controlledBody(frames);
    respond(new Response(late.body, { headers: { 'content-type': 'text/event-stream' } }));
    await settle();
    expect(late.cancelled).toBe(true);
    expect(stream.response).toBeUndefined();
  });

  it('aborts after connect, before any data', async () => {
    const body = controlledBody();
    const stream = MessageStream.fromResponse(new Response(body.body, { headers: { 'request-id': 'req_42' } }));
    const seen = watch(stream);
    await stream.emitted('connect');
    expect(stream.requestId).toBe('req_42');
    stream.abort();
    await expect(stream.done()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(seen.events).toEqual(['abort', 'end']);
    await settle();
    expect(body.cancelled).toBe(true);
  });

  it('aborts mid-stream, keeping the partial message', async () => {
    const body = controlledBody(frames.slice(0, 4));
    const stream = MessageStream.fromReadableStream(body.body);
    const seen = watch(stream);
    await stream.emitted('text');
    stream.abort();
    const error = await rejection(stream.finalText());
    expect(APIUserAbortError.isInstance(error)).toBe(true);
    expect((error as ParleyError).partialMessage?.content).toEqual([{ type: 'text', text: 'Grüße 👋 — ' }]);
    expect(seen.events).toEqual(['abort', 'end']);
    expect([stream.ended, stream.errored, stream.aborted]).toEqual([true, true, true]);
    expect(stream.controller.signal.aborted).toBe(true);
    expect(body.cancelled).toBe(true);
  });

  it('ignores an abort after the end', async () => {
    const body = controlledBody(frames);
    body.close();
    const stream = MessageStream.fromReadableStream(body.body);
    const seen = watch(stream);
    const message = await stream.finalMessage();
    stream.abort();
    await expect(stream.finalMessage()).resolves.toBe(message);
    expect(seen.events).toEqual(['finalMessage', 'end']);
    expect(stream.aborted).toBe(false);
  });

  it('aborts when the signal fires, or at once for a signal aborted already', async () => {
    const signal = new AbortController();
    const body = controlledBody(frames.slice(0, 2));
    const stream = MessageStream.fromReadableStream(body.body, { signal: signal.signal });
    const seen = watch(stream);
    await stream.emitted('streamEvent');
    signal.abort();
    await expect(stream.done()).rejects.toMatchObject({ name: 'APIUserAbortError' });
    expect(seen.events).toEqual(['abort', 'end']);

    const early = MessageStream.fromReadableStream(controlledBody(frames).body, { signal: AbortSignal.abort() });
    const earlySeen = watch(early);
    await expect(early.done()).rejects.toBeInstanceOf(APIUserAbortError);
    expect(earlySeen.events).toEqual(['abort', 'end']);
  });

  it('fails with the reason when the client aborts its controller with a Parley error (its timeout)', async () => {
    const controller = new AbortController();
    const stream = MessageStream.fromReadableStream(controlledBody(frames.slice(0, 2)).body, { controller });
    const seen = watch(stream);
    await stream.emitted('streamEvent');
    const timeout = new APITimeoutError({ timeoutMs: 1000 });
    controller.abort(timeout);
    await expect(stream.done()).rejects.toBe(timeout);
    expect(timeout.partialMessage?.id).toBe('msg_01XFDUDYJgAACzvnptvVoYEL');
    expect(seen.events).toEqual(['error', 'end']);
  });

  it('cancels the body when a for await loop is left early', async () => {
    const body = controlledBody(frames);
    const stream = MessageStream.fromReadableStream(body.body);
    for await (const event of stream) {
      if (event.type === 'ping') break;
    }
    expect(body.cancelled).toBe(true);
    expect(body.cancelReason).toBeInstanceOf(APIUserAbortError);
    expect(stream.aborted).toBe(true);
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it('ends well when the loop is left after message_stop, still cancelling the rest of the body', async () => {
    const body = controlledBody(frames);
    const stream = MessageStream.fromReadableStream(body.body);
    const seen = watch(stream);
    for await (const event of stream) {
      if (event.type === 'message_stop') break;
    }
    expect(body.cancelled).toBe(true);
    await expect(stream.finalText()).resolves.toBe('Grüße 👋 — 日本語で\u2028line two\u2028three\n');
    expect(seen.events).toEqual(['finalMessage', 'end']);
    expect(stream.aborted).toBe(false);
  });

  it('cancels the body when a textStream loop is left early, and when a JSON-lines reader cancels', async () => {
    const body = controlledBody(frames);
    const stream = MessageStream.fromReadableStream(body.body);
    for await (const text of stream.textStream) {
      expect(text).toBe('Grüße 👋 — ');
      break;
    }
    expect(body.cancelled).toBe(true);

    const relayed = controlledBody(frames.slice(0, 3));
    const reader = MessageStream.fromReadableStream(relayed.body).toReadableStream().getReader();
    await reader.read();
    await reader.cancel();
    expect(relayed.cancelled).toBe(true);
  });
});

describe('MessageStream failures', () => {
  it('rejects with the typed error of an error event, carrying the partial message', async () => {
    const body = controlledBody(fixtureFrames('overloaded'));
    const stream = MessageStream.fromReadableStream(body.body);
    const seen = watch(stream);
    const error = await rejection(stream.done());
    expect(error).toBeInstanceOf(OverloadedError);
    expect((error as OverloadedError).partialMessage?.content).toEqual([{ type: 'text', text: 'Partial ans' }]);
    expect(seen.events).toEqual(['error', 'end']);
    expect(seen.errors[0]).toBe(error);
    expect(body.cancelled).toBe(true);
  });

  it('rejects with APIConnectionError carrying the partial message when the body breaks', async () => {
    const body = controlledBody(frames.slice(0, 4));
    const stream = MessageStream.fromReadableStream(body.body);
    const seen = watch(stream);
    await stream.emitted('text');
    body.error(new TypeError('terminated'));
    const error = await rejection(stream.finalMessage());
    expect(APIConnectionError.isInstance(error)).toBe(true);
    expect(APITimeoutError.isInstance(error)).toBe(false);
    expect((error as Error).message).toBe('Connection error: terminated');
    expect((error as ParleyError).partialMessage?.content).toEqual([{ type: 'text', text: 'Grüße 👋 — ' }]);
    expect(seen.events).toEqual(['error', 'end']);
  });

  it('maps an error response to its APIError class, and a rejected response promise to its error', async () => {
    const response = new Response(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' } }), {
      status: 429,
      headers: { 'retry-after': '3', 'content-type': 'application/json' },
    });
    const error = await rejection(MessageStream.fromResponse(response).done());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3000);

    const given = new RateLimitError({ status: 429, body: { type: 'error', error: { type: 'rate_limit_error', message: 'x' } } });
    const stream = MessageStream.fromResponse(Promise.reject(given));
    const seen = watch(stream);
    await expect(stream.finalMessage()).rejects.toBe(given);
    expect(seen.events).toEqual(['error', 'end']);
  });

  it('fails with APITimeoutError when no chunk arrives for idleTimeoutMs', async () => {
    const body = controlledBody(frames.slice(0, 4));
    const stream = MessageStream.fromReadableStream(body.body, { idleTimeoutMs: 40 });
    const seen = watch(stream);
    const error = await rejection(stream.done());
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error).toMatchObject({ timeoutMs: 40, message: 'No data arrived on the stream for 40 ms.' });
    expect((error as APITimeoutError).partialMessage?.content).toEqual([{ type: 'text', text: 'Grüße 👋 — ' }]);
    expect(seen.events).toEqual(['error', 'end']);
    expect(body.cancelled).toBe(true);
    expect(stream.controller.signal.reason).toBe(error);
  });

  it('does not time out while chunks keep arriving, or while the consumer is the slow one', async () => {
    const body = controlledBody();
    const stream = MessageStream.fromReadableStream(body.body, { idleTimeoutMs: 60 });
    const done = rejection(stream.done());
    for (const frame of frames) {
      await settle(25);
      body.push(frame);
    }
    body.close();
    expect(await done).toBe('resolved');

    const ready = controlledBody(frames);
    ready.close();
    const slow = MessageStream.fromReadableStream(ready.body, { idleTimeoutMs: 30 });
    let count = 0;
    for await (const _event of slow) {
      count++;
      if (count < 3) await settle(50);
    }
    expect(count).toBe(9);
  });
});

describe('MessageStream never causes an unhandled rejection', () => {
  const failing = (): MessageStream => MessageStream.fromReadableStream(controlledBody(fixtureFrames('overloaded')).body);

  it('with listeners only, and no error listener', async () => {
    const texts: string[] = [];
    const unhandled = await unhandledDuring(async () => {
      const stream = failing().on('text', (text) => texts.push(text));
      await settle();
      expect(stream.errored).toBe(true);
    });
    expect(texts).toEqual(['Partial ans']);
    expect(unhandled).toEqual([]);
  });

  it('with awaiting only, iterating only, or abort only', async () => {
    const unhandled = await unhandledDuring(async () => {
      await expect(failing().finalMessage()).rejects.toBeInstanceOf(OverloadedError);
      await expect(
        (async () => {
          for await (const _event of failing());
        })(),
      ).rejects.toBeInstanceOf(OverloadedError);
      MessageStream.fromReadableStream(controlledBody(frames).body).abort();
      MessageStream.fromResponse(new Promise<Response>(() => undefined)).abort();
    });
    expect(unhandled).toEqual([]);
  });

  it('when nothing touches a stream whose response fails, and when late waiters come', async () => {
    const unhandled = await unhandledDuring(async () => {
      const stream = MessageStream.fromResponse(Promise.reject(new TypeError('fetch failed')));
      MessageStream.fromResponse(new Response('{}', { status: 500 }));
      await settle();
      expect(stream.errored).toBe(true);
      const error = await rejection(stream.done());
      expect(APIConnectionError.isInstance(error)).toBe(true);
      expect((error as Error).message).toBe('Connection error: fetch failed');
    });
    expect(unhandled).toEqual([]);
  });
});
