import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public surface of @parley/sdk, written down once: a missing or extra name fails.
const PUBLIC_NAMES = [
  'tool',
  'parseToolUses',
  'runTools',
  'toolRunner',
  'outputFormat',
  'isOutputFormat',
  'reduceOutputSchema',
  // the client
  'default', 'Parley', 'VERSION', 'APIPromise', 'Messages', 'Models', 'ModelList', 'JSONLineError',
  // @parley/errors
  'ParleyError', 'APIError', 'BadRequestError', 'AuthenticationError', 'PermissionDeniedError',
  'NotFoundError', 'ConflictError', 'RequestTooLargeError', 'UnprocessableEntityError', 'RateLimitError',
  'InternalServerError', 'ServiceUnavailableError', 'OverloadedError', 'APIConnectionError',
  'APITimeoutError', 'APIUserAbortError', 'RequestValidationError', 'OutputParseError', 'requestValidationErrorFromIssues',
  'formatJsonPath', 'fromResponse', 'errorFromStatus', 'fromStreamError', 'isRetryable', 'retryDelayMs',
  'MAX_SERVER_RETRY_DELAY_MS', 'redactHeaders', 'redactSecrets',
  // @parley/streaming
  'MessageStream', 'ParsedMessageStream', 'parseOutputMessage', 'outputText', 'decodeSSE', 'accumulate', 'PartialJSON', 'PartialJSONError',
];

describe('@parley/sdk exports', () => {
  it('exports exactly the public names', () => {
    expect(Object.keys(api).sort()).toEqual([...PUBLIC_NAMES].sort());
  });

  it('exports the client as default and by name', () => {
    expect(api.default).toBe(api.Parley);
  });
});
