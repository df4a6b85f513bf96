import { APIError, type APIErrorOptions } from './api-error.js';
import {
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
  RequestTooLargeError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from './status-errors.js';

type APIErrorClass = new (options: APIErrorOptions) => APIError;

const BY_STATUS = new Map<number, APIErrorClass>([
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [413, RequestTooLargeError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
  [500, InternalServerError],
  [503, ServiceUnavailableError],
  [529, OverloadedError],
]);

/** Each error type Anthropic documents, with the class and status it stands for. */
export const BY_TYPE = new Map<string, readonly [errorClass: APIErrorClass, status: number]>([
  ['invalid_request_error', [BadRequestError, 400]],
  ['authentication_error', [AuthenticationError, 401]],
  ['billing_error', [APIError, 402]],
  ['permission_error', [PermissionDeniedError, 403]],
  ['not_found_error', [NotFoundError, 404]],
  ['request_too_large', [RequestTooLargeError, 413]],
  ['rate_limit_error', [RateLimitError, 429]],
  ['api_error', [InternalServerError, 500]],
  ['timeout_error', [InternalServerError, 504]],
  ['overloaded_error', [OverloadedError, 529]],
]);

/**
 * The class for a status, and for statuses without a class of their own (other 4xx,
 * 5xx other than 500/503/529, anything odd) the class the body's error type names:
 * a relay's 502 saying `overloaded_error` is an `OverloadedError`. Otherwise other
 * 5xx are `InternalServerError` and the rest a plain `APIError`.
 */
export function classFor(status: number, type: string | undefined): APIErrorClass {
  const byStatus = BY_STATUS.get(status);
  if (byStatus !== undefined) return byStatus;
  const byType = type === undefined ? undefined : BY_TYPE.get(type);
  if (byType !== undefined) return byType[0];
  return status >= 500 ? InternalServerError : APIError;
}
