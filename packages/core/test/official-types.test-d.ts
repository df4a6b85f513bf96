// Whatever the official SDK's types accept, ours accept: a user moving from
// `@anthropic-ai/sdk` keeps every value they build or receive, without a cast. Each pair
// is official -> ours; a union member missing from the spec (a tool version, a block, a
// citation kind) makes its line fail.
import type * as Official from '@anthropic-ai/sdk/resources/messages/messages';
import { describe, expectTypeOf, test } from 'vitest';
import type * as Ours from '../src/index.js';

describe('values of the official types are values of ours', () => {
  test('request parameters', () => {
    expectTypeOf<Official.MessageCreateParamsNonStreaming>().toExtend<Ours.CreateMessageParams>();
    expectTypeOf<Official.MessageCreateParamsStreaming>().toExtend<Ours.CreateMessageParams>();
    expectTypeOf<Official.MessageCountTokensParams>().toExtend<Ours.CountTokensParams>();
    expectTypeOf<Official.MessageParam>().toExtend<Ours.MessageParam>();
    expectTypeOf<Official.ContentBlockParam>().toExtend<Ours.ContentBlockParam>();
    expectTypeOf<Official.ToolUnion>().toExtend<NonNullable<Ours.CreateMessageParams['tools']>[number]>();
    expectTypeOf<Official.MessageCountTokensTool>().toExtend<NonNullable<Ours.CountTokensParams['tools']>[number]>();
    expectTypeOf<Official.ToolChoice>().toExtend<Ours.ToolChoice>();
    expectTypeOf<Official.ThinkingConfigParam>().toExtend<Ours.ThinkingConfigParam>();
    expectTypeOf<Official.OutputConfig>().toExtend<Ours.OutputConfig>();
    expectTypeOf<Official.TextCitationParam>().toExtend<Ours.TextCitationParam>();
  });

  test('replies and stream events', () => {
    expectTypeOf<Official.Message>().toExtend<Ours.Message>();
    expectTypeOf<Official.ContentBlock>().toExtend<Ours.ContentBlock>();
    expectTypeOf<Official.StopReason>().toExtend<Ours.StopReason>();
    expectTypeOf<Official.Usage>().toExtend<Ours.Usage>();
    expectTypeOf<Official.TextCitation>().toExtend<Ours.TextCitation>();
    expectTypeOf<Official.RawMessageStreamEvent>().toExtend<Ours.MessageStreamEvent>();
    expectTypeOf<Official.RawContentBlockDelta>().toExtend<Ours.ContentBlockDelta>();
    expectTypeOf<Official.MessageDeltaUsage>().toExtend<Ours.MessageDeltaUsage>();
    expectTypeOf<Official.MessageTokensCount>().toExtend<Ours.MessageTokensCount>();
  });

  test('a reply goes back as the next assistant turn without a cast', () => {
    expectTypeOf<{ role: 'assistant'; content: Ours.Message['content'] }>().toExtend<Ours.MessageParam>();
    expectTypeOf<{ role: 'assistant'; content: Official.Message['content'] }>().toExtend<Ours.MessageParam>();
  });

  test('literal unions stay literal', () => {
    expectTypeOf<Ours.ContentBlock['type']>().toEqualTypeOf<Official.ContentBlock['type']>();
    expectTypeOf<Ours.ContentBlockParam['type']>().toEqualTypeOf<Official.ContentBlockParam['type']>();
    expectTypeOf<Ours.TextCitation['type']>().toEqualTypeOf<Official.TextCitation['type']>();
    expectTypeOf<Ours.ThinkingConfigParam['type']>().toEqualTypeOf<Official.ThinkingConfigParam['type']>();
    expectTypeOf<Ours.ContentBlockDelta['type']>().toEqualTypeOf<Official.RawContentBlockDelta['type']>();
  });
});
