import { describe, expectTypeOf, test } from 'vitest';
import {
  createMessage,
  type countTokens,
  type ContentBlock,
  type ContentBlockDeltaEvent,
  type CreateMessageParams,
  type ErrorResponse,
  type ImageBlockParam,
  type InputJSONDelta,
  type Message,
  type MessageParam,
  type MessageStreamEvent,
  type MessageTokensCount,
  type TextBlock,
  type TextDelta,
  type ToolChoice,
  type ToolUseBlock,
} from '../src/index.js';

const user: MessageParam = { role: 'user', content: 'Hi' };

describe('unions narrow on type', () => {
  test('ContentBlock narrows to ToolUseBlock, which has input', () => {
    const read = (block: ContentBlock) => {
      if (block.type === 'tool_use') {
        expectTypeOf(block).toExtend<ToolUseBlock>();
        // unknown, as in the official types: narrow it before reading a field.
        expectTypeOf(block.input).toEqualTypeOf<unknown>();
        expectTypeOf(block.name).toBeString();
        return block.input;
      }
      expectTypeOf(block).not.toHaveProperty('input');
      return undefined;
    };
    expectTypeOf(read).returns.toEqualTypeOf<unknown>();
  });

  test('ContentBlock narrows to TextBlock, which has text and no input', () => {
    const read = (block: ContentBlock) => (block.type === 'text' ? block : undefined);
    expectTypeOf(read).returns.exclude<undefined>().toExtend<TextBlock>();
    expectTypeOf(read).returns.exclude<undefined>().toHaveProperty('text').toBeString();
    expectTypeOf(read).returns.exclude<undefined>().not.toHaveProperty('input');
  });

  test('MessageStreamEvent narrows to ContentBlockDeltaEvent, whose delta narrows to TextDelta', () => {
    const read = (event: MessageStreamEvent) => {
      if (event.type !== 'content_block_delta') return undefined;
      expectTypeOf(event).toExtend<ContentBlockDeltaEvent>();
      expectTypeOf(event.index).toBeNumber();
      const { delta } = event;
      if (delta.type === 'text_delta') {
        expectTypeOf(delta).toExtend<TextDelta>();
        expectTypeOf(delta).not.toHaveProperty('partial_json');
        return delta.text;
      }
      if (delta.type === 'input_json_delta') {
        expectTypeOf(delta).toExtend<InputJSONDelta>();
        expectTypeOf(delta).not.toHaveProperty('text');
        return delta.partial_json;
      }
      return undefined;
    };
    expectTypeOf(read).returns.toEqualTypeOf<string | undefined>();
  });

  test('message_start carries a Message, message_delta the stop reason', () => {
    const read = (event: MessageStreamEvent) => {
      if (event.type === 'message_start') expectTypeOf(event.message).toEqualTypeOf<Message>();
      if (event.type === 'message_delta') expectTypeOf(event.delta.stop_reason).toExtend<string | null>();
    };
    expectTypeOf(read).toBeFunction();
  });
});

describe('required fields are required', () => {
  test('CreateMessageParams needs model, messages and max_tokens', () => {
    expectTypeOf<CreateMessageParams>().toHaveProperty('max_tokens').toEqualTypeOf<number>();
    expectTypeOf<CreateMessageParams>().toHaveProperty('model').toEqualTypeOf<string>();
    expectTypeOf<CreateMessageParams['temperature']>().toEqualTypeOf<number | undefined>();

    const _ok: CreateMessageParams = { model: 'm', max_tokens: 16, messages: [user] };
    // @ts-expect-error max_tokens is required
    const _noMaxTokens: CreateMessageParams = { model: 'm', messages: [user] };
    // @ts-expect-error messages is required
    const _noMessages: CreateMessageParams = { model: 'm', max_tokens: 16 };
    // @ts-expect-error model is required
    const _noModel: CreateMessageParams = { max_tokens: 16, messages: [user] };
  });

  test('a tool_use block in a reply always has id, name and input', () => {
    expectTypeOf<ToolUseBlock>().toHaveProperty('id').toBeString();
    expectTypeOf<ToolUseBlock['input']>().not.toBeUndefined();
  });
});

describe('a wrong block shape does not compile', () => {
  test('an image block needs a known media_type', () => {
    const _png: ImageBlockParam = { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } };
    // @ts-expect-error image/bmp is not an accepted media_type
    const _bmp: ImageBlockParam = { type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'AAAA' } };
    // @ts-expect-error a base64 source needs data
    const _noData: ImageBlockParam = { type: 'image', source: { type: 'base64', media_type: 'image/png' } };
    const _url: ImageBlockParam = { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } };
  });

  test('tool_choice of type tool needs a name', () => {
    const _named: ToolChoice = { type: 'tool', name: 'get_weather' };
    // @ts-expect-error type tool without name
    const _unnamed: ToolChoice = { type: 'tool' };
    const _auto: ToolChoice = { type: 'auto' };
    // @ts-expect-error an unknown tool_choice type
    const _always: ToolChoice = { type: 'always' };
  });

  test('a message needs a known role', () => {
    // A system turn among the messages takes text only.
    const _system: MessageParam = { role: 'system', content: 'Be brief.' };
    // @ts-expect-error tool is not a message role
    const _tool: MessageParam = { role: 'tool', content: 'Be brief.' };
  });
});

describe('operations', () => {
  test('createMessage returns Message data or an ErrorResponse error', () => {
    type Result = Awaited<ReturnType<typeof createMessage<false>>>;
    expectTypeOf<Result['data']>().toEqualTypeOf<Message | undefined>();
    expectTypeOf<Result['error']>().toEqualTypeOf<ErrorResponse | undefined>();
    expectTypeOf<Result['response']>().toEqualTypeOf<Response | undefined>();
  });

  test('countTokens returns MessageTokensCount data', () => {
    type Result = Awaited<ReturnType<typeof countTokens<false>>>;
    expectTypeOf<Result['data']>().toEqualTypeOf<MessageTokensCount | undefined>();
  });

  test('createMessage takes CreateMessageParams as its body', () => {
    expectTypeOf(createMessage).parameter(0).toHaveProperty('body').toEqualTypeOf<CreateMessageParams>();
  });
});
