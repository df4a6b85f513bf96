import type { Message } from '@parley/core';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type APIConnectionError,
  type APIError,
  APITimeoutError,
  ParleyError,
  RateLimitError,
  type RequestValidationError,
  errorFromStatus,
  fromResponse,
  fromStreamError,
  redactHeaders,
  retryDelayMs,
} from './index.js';

describe('@parley/errors types', () => {
  it('narrows with each class its own isInstance', () => {
    const err: unknown = undefined;
    if (RateLimitError.isInstance(err)) {
      expectTypeOf(err).toEqualTypeOf<RateLimitError>();
      expectTypeOf(err.retryAfterMs).toEqualTypeOf<number | undefined>();
    }
    if (APITimeoutError.isInstance(err)) expectTypeOf(err).toEqualTypeOf<APITimeoutError>();
    if (ParleyError.isInstance(err)) expectTypeOf(err.partialMessage).toEqualTypeOf<Message | undefined>();
  });

  it('has the fields the client and the stream code against', () => {
    expectTypeOf<APIError['status']>().toEqualTypeOf<number>();
    expectTypeOf<APIError['headers']>().toEqualTypeOf<Headers>();
    expectTypeOf<APIError['requestId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<APIError['type']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RequestValidationError['path']>().toEqualTypeOf<(string | number)[]>();
    expectTypeOf<APITimeoutError>().toExtend<APIConnectionError>();
    expectTypeOf(fromResponse).returns.toEqualTypeOf<Promise<APIError>>();
    expectTypeOf(errorFromStatus).returns.toEqualTypeOf<APIError>();
    expectTypeOf(fromStreamError).returns.toEqualTypeOf<APIError>();
    expectTypeOf(retryDelayMs).returns.toEqualTypeOf<number | undefined>();
    expectTypeOf(redactHeaders).returns.toEqualTypeOf<Record<string, string>>();
  });
});
