import type { ContentBlock, Message, MessageStreamEvent, TextCitation } from '@parley/core';
import type { APIUserAbortError, ParleyError } from '@parley/errors';
import { describe, expectTypeOf, test } from 'vitest';
import { accumulate, decodeSSE, type MessageStream, PartialJSON, type SSEFrame, type UnknownStreamEvent } from '../src/index.js';

declare const stream: MessageStream;

describe('@parley/streaming types', () => {
  test('listeners get the official SDK’s argument types', () => {
    stream.on('text', (delta, snapshot) => {
      expectTypeOf(delta).toEqualTypeOf<string>();
      expectTypeOf(snapshot).toEqualTypeOf<string>();
    });
    stream.on('streamEvent', (event, snapshot) => {
      expectTypeOf(event).toEqualTypeOf<MessageStreamEvent>();
      expectTypeOf(snapshot).toEqualTypeOf<Message>();
    });
    stream.on('citation', (citation, all) => {
      expectTypeOf(citation).toEqualTypeOf<TextCitation>();
      expectTypeOf(all).toEqualTypeOf<TextCitation[]>();
    });
    stream.on('inputJson', (partial, parsed) => {
      expectTypeOf(partial).toEqualTypeOf<string>();
      expectTypeOf(parsed).toEqualTypeOf<unknown>();
    });
    stream.on('contentBlock', (block) => expectTypeOf(block).toEqualTypeOf<ContentBlock>());
    stream.on('error', (error) => expectTypeOf(error).toEqualTypeOf<ParleyError>());
    stream.on('abort', (error) => expectTypeOf(error).toEqualTypeOf<APIUserAbortError>());
    // @ts-expect-error: no such event
    stream.on('textDelta', () => undefined);
  });

  test('emitted resolves with the listener’s argument, or the arguments, or nothing', () => {
    expectTypeOf(stream.emitted('finalMessage')).resolves.toEqualTypeOf<Message>();
    expectTypeOf(stream.emitted('text')).resolves.toEqualTypeOf<[textDelta: string, textSnapshot: string]>();
    expectTypeOf(stream.emitted('end')).resolves.toEqualTypeOf<undefined>();
  });

  test('iteration, helpers and the pieces', () => {
    expectTypeOf(stream).toExtend<AsyncIterable<MessageStreamEvent>>();
    expectTypeOf(stream.textStream).toEqualTypeOf<AsyncIterable<string>>();
    expectTypeOf(stream.finalMessage()).resolves.toEqualTypeOf<Message>();
    expectTypeOf(stream.finalText()).resolves.toEqualTypeOf<string>();
    expectTypeOf(stream.currentMessage).toEqualTypeOf<Message | undefined>();
    expectTypeOf(stream.controller).toEqualTypeOf<AbortController>();
    expectTypeOf(stream.toReadableStream()).toEqualTypeOf<ReadableStream<Uint8Array>>();
    expectTypeOf<Parameters<typeof MessageStream.fromResponse>[0]>().toEqualTypeOf<Response | Promise<Response>>();
    expectTypeOf(decodeSSE).returns.toExtend<AsyncIterable<SSEFrame>>();
    expectTypeOf(accumulate).parameter(1).toEqualTypeOf<MessageStreamEvent | UnknownStreamEvent>();
    expectTypeOf(accumulate).returns.toEqualTypeOf<Message>();
    expectTypeOf(new PartialJSON().value).toEqualTypeOf<unknown>();
  });
});
