import { describe, expectTypeOf, it } from 'vitest';
import Parley, { type APIPromise, type BatchRunResult, type DeletedMessageBatch, type MessageBatch, type MessageBatchIndividualResponse, type MessageBatchListResponse } from '../src/index.js';

const client = new Parley({ apiKey: 'k' });
const params = { model: 'claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user' as const, content: 'Hi' }] };

describe('messages.batches types', () => {
  it('types each call', () => {
    expectTypeOf(client.messages.batches.create({ requests: [{ custom_id: 'a', params }] })).toEqualTypeOf<APIPromise<MessageBatch>>();
    expectTypeOf(client.messages.batches.retrieve('id')).toEqualTypeOf<APIPromise<MessageBatch>>();
    expectTypeOf(client.messages.batches.delete('id')).toEqualTypeOf<APIPromise<DeletedMessageBatch>>();
    expectTypeOf(client.messages.batches.list()).toExtend<AsyncIterable<MessageBatch> & PromiseLike<MessageBatchListResponse>>();
    expectTypeOf(client.messages.batches.results('id')).toExtend<AsyncIterable<MessageBatchIndividualResponse>>();
    expectTypeOf(client.messages.batches.wait('id')).toEqualTypeOf<Promise<MessageBatch>>();
    expectTypeOf(client.messages.batches.run([{ custom_id: 'a', params }])).toExtend<AsyncIterable<BatchRunResult>>();
    expectTypeOf(client.messages.batches.run.resume(['msgbatch_1'])).toExtend<AsyncIterable<BatchRunResult>>();
  });

  it('narrows a result by its type', () => {
    const result = {} as MessageBatchIndividualResponse['result'];
    if (result.type === 'succeeded') expectTypeOf(result.message.content).toBeArray();
    if (result.type === 'errored') expectTypeOf(result.error.error.type).toBeString();
  });

  it('refuses a batch request without params', () => {
    // @ts-expect-error: params is required
    void client.messages.batches.create({ requests: [{ custom_id: 'a' }] });
  });
});
