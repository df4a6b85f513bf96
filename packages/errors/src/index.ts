// The public surface of @parley/errors, by name.
export { ParleyError, type ParleyErrorOptions, type ParleyErrorJSON } from './parley-error.js';
export { APIError, type APIErrorOptions } from './api-error.js';
export {
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  RequestTooLargeError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ServiceUnavailableError,
  OverloadedError,
  type StatusErrorOptions,
} from './status-errors.js';
export {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  type APIConnectionErrorOptions,
  type APITimeoutErrorOptions,
} from './connection-errors.js';
export {
  RequestValidationError,
  requestValidationErrorFromIssues,
  type RequestValidationErrorOptions,
  type FromIssuesOptions,
} from './validation-error.js';
export type { ValidationIssue, ZodIssueLike } from './validation-issues.js';
export {
  OutputParseError,
  type OutputIssue,
  type OutputParseErrorOptions,
  type OutputParseReason,
} from './output-parse-error.js';
export { JSONLineError, type JSONLineErrorOptions } from './json-line-error.js';
export { formatJsonPath } from './json-path.js';
export { fromResponse, errorFromStatus, type ErrorFromStatusOptions, type FromResponseOptions } from './from-response.js';
export { fromStreamError, type StreamErrorOptions } from './stream-error.js';
export { isRetryable, retryDelayMs, MAX_SERVER_RETRY_DELAY_MS, type RetryDelayOptions } from './retry.js';
export { redactHeaders, redactSecrets } from './redact.js';
export type { RequestInput, RequestSummary } from './request-info.js';
export type { HeaderSource } from './header-source.js';

/** Version of @parley/errors, kept in step with package.json by the release flow. */
export const VERSION = '0.0.0';
