import type { Message } from '@parley/core';
import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
  RequestTooLargeError,
  fromStreamError,
  isRetryable,
} from './index.js';

const event = (type: string, message: string) => ({ type: 'error', error: { type, message } });

const partial: Message = {
  id: 'msg_1',
  type: 'message',
  role: 'assistant',
  model: 'claude-test',
  content: [{ type: 'text', text: 'Hello, wor' }],
  stop_reason: null,
  stop_sequence: null,
  usage: { input_tokens: 10, output_tokens: 3 },
};

describe('fromStreamError', () => {
  it.each([
    ['overloaded_error', OverloadedError, 529],
    ['rate_limit_error', RateLimitError, 429],
    ['api_error', InternalServerError, 500],
    ['timeout_error', InternalServerError, 504],
    ['invalid_request_error', BadRequestError, 400],
    ['authentication_error', AuthenticationError, 401],
    ['permission_error', PermissionDeniedError, 403],
    ['not_found_error', NotFoundError, 404],
    ['request_too_large', RequestTooLargeError, 413],
    ['billing_error', APIError, 402],
  ] as const)('maps %s to its class and status', (type, errorClass, status) => {
    const error = fromStreamError(event(type, 'Something happened'));
    expect(error.constructor).toBe(errorClass);
    expect(error.status).toBe(status);
    expect(error.type).toBe(type);
    expect(error.message).toBe(`${type}: Something happened (mid-stream)`);
  });

  it('carries the message received so far, the request id and the headers', () => {
    const error = fromStreamError(event('overloaded_error', 'Overloaded'), {
      partialMessage: partial,
      headers: new Headers({ 'request-id': 'req_123', 'content-type': 'text/event-stream' }),
    });
    expect(error.partialMessage).toBe(partial);
    expect(error.requestId).toBe('req_123');
    expect(error.headers.get('content-type')).toBe('text/event-stream');
    expect(error.message).toBe('overloaded_error: Overloaded (mid-stream, request req_123)');
    expect(error.toJSON().partialMessage).toEqual(partial);
  });

  it('takes the raw data text of the SSE frame', () => {
    const error = fromStreamError('{"type":"error","error":{"type":"rate_limit_error","message":"Slow down"}}', {
      requestId: 'req_given',
      headers: { 'request-id': 'req_header' },
    });
    expect(error.constructor).toBe(RateLimitError);
    expect(error.requestId).toBe('req_given');
  });

  it('keeps an unknown type on a plain APIError with the generic server status', () => {
    const error = fromStreamError(event('brand_new_error', 'Something new'));
    expect(error.constructor).toBe(APIError);
    expect(error.status).toBe(500);
    expect(error.type).toBe('brand_new_error');
    expect(error.message).toBe('brand_new_error: Something new (mid-stream)');
    expect(isRetryable(error)).toBe(true);
  });

  it('survives data that is not an error object', () => {
    const text = fromStreamError('not json at all');
    expect(text.constructor).toBe(APIError);
    expect(text.message).toBe('error: not json at all (mid-stream)');
    expect(text.body).toBe('not json at all');
    expect(fromStreamError('').message).toBe('error: empty error event (mid-stream)');
    expect(fromStreamError(null).type).toBeUndefined();
    expect(fromStreamError(42).message).toBe('error: 42 (mid-stream)');
  });

  it('reads the OpenAI shape some relays send inside a stream', () => {
    const error = fromStreamError({ error: { code: 500, message: 'context shift failed', type: 'server_error' } });
    expect(error.constructor).toBe(APIError);
    expect(error.type).toBe('server_error');
    expect(error.code).toBe(500);
  });
});
