import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public surface of @parley/errors, written down once: a missing or extra name fails.
const PUBLIC_NAMES = [
  'VERSION',
  'ParleyError',
  'APIError',
  'BadRequestError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
  'ConflictError',
  'RequestTooLargeError',
  'UnprocessableEntityError',
  'RateLimitError',
  'InternalServerError',
  'ServiceUnavailableError',
  'OverloadedError',
  'APIConnectionError',
  'APITimeoutError',
  'APIUserAbortError',
  'RequestValidationError',
  'JSONLineError',
  'OutputParseError',
  'requestValidationErrorFromIssues',
  'formatJsonPath',
  'fromResponse',
  'errorFromStatus',
  'fromStreamError',
  'isRetryable',
  'retryDelayMs',
  'MAX_SERVER_RETRY_DELAY_MS',
  'redactHeaders',
  'redactSecrets',
];

describe('@parley/errors exports', () => {
  it('exports exactly the public names', () => {
    expect(Object.keys(api).sort()).toEqual([...PUBLIC_NAMES].sort());
  });
});
