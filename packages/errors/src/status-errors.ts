import { APIError, type APIErrorOptions } from './api-error.js';
import { brand, hasBrand } from './brand.js';
import { serverRetryDelayMs } from './retry-after.js';

// One class per status, so a `catch` can branch on the class. Each has its own name,
// brand and `isInstance` (so the check holds across duplicate installs of the
// package); everything else is APIError's, with the class's status as the default.

/** The options of a status error: those of `APIError`, with the class's own status as default. */
export type StatusErrorOptions = Omit<APIErrorOptions, 'status'> & {
  /** The HTTP status; defaults to the one the class stands for. */
  status?: number;
};

const withStatus = (options: StatusErrorOptions = {}, status: number): APIErrorOptions => ({ ...options, status: options.status ?? status });

/** 400: the request was malformed or asked for something invalid (`invalid_request_error`). */
export class BadRequestError extends APIError {
  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 400));
    brand(this, 'BadRequestError');
  }

  static override isInstance(value: unknown): value is BadRequestError {
    return hasBrand(value, 'BadRequestError');
  }
}

/** 401: the API key or token is missing or wrong (`authentication_error`). */
export class AuthenticationError extends APIError {
  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 401));
    brand(this, 'AuthenticationError');
  }

  static override isInstance(value: unknown): value is AuthenticationError {
    return hasBrand(value, 'AuthenticationError');
  }
}

/** 403: the key is valid but may not use this resource (`permission_error`). */
export class PermissionDeniedError extends APIError {
  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 403));
    brand(this, 'PermissionDeniedError');
  }

  static override isInstance(value: unknown): value is PermissionDeniedError {
    return hasBrand(value, 'PermissionDeniedError');
  }
}

/** 404: the path, model or other resource does not exist (`not_found_error`). */
export class NotFoundError extends APIError {
  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 404));
    brand(this, 'NotFoundError');
  }

  static override isInstance(value: unknown): value is NotFoundError {
    return hasBrand(value, 'NotFoundError');
  }
}

/** 409: the request conflicts with the state of the resource; safe to retry. */
export class ConflictError extends APIError {
  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 409));
    brand(this, 'ConflictError');
  }

  static override isInstance(value: unknown): value is ConflictError {
    return hasBrand(value, 'ConflictError');
  }
}

/** 413: the request body is larger than the server accepts (`request_too_large`). */
export class RequestTooLargeError extends APIError {
  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 413));
    brand(this, 'RequestTooLargeError');
  }

  static override isInstance(value: unknown): value is RequestTooLargeError {
    return hasBrand(value, 'RequestTooLargeError');
  }
}

/** 422: the request was well-formed but could not be processed (sent by some relays). */
export class UnprocessableEntityError extends APIError {
  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 422));
    brand(this, 'UnprocessableEntityError');
  }

  static override isInstance(value: unknown): value is UnprocessableEntityError {
    return hasBrand(value, 'UnprocessableEntityError');
  }
}

/**
 * 429: too many requests or tokens in the current window (`rate_limit_error`).
 * `retryAfterMs` says how long the server asked to wait, if it said.
 *
 * @example
 * if (RateLimitError.isInstance(err)) await sleep(err.retryAfterMs ?? 1000);
 */
export class RateLimitError extends APIError {
  /** The wait the server asked for (`retry-after-ms`, else `retry-after`), measured when the error was made. */
  readonly retryAfterMs: number | undefined;

  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 429));
    brand(this, 'RateLimitError');
    this.retryAfterMs = serverRetryDelayMs(this.headers, Date.now());
  }

  static override isInstance(value: unknown): value is RateLimitError {
    return hasBrand(value, 'RateLimitError');
  }

  protected override describe(): Record<string, unknown> {
    return { ...super.describe(), retryAfterMs: this.retryAfterMs };
  }
}

/** 500 and every other 5xx without its own class (502, 504, ...): a server or proxy failure (`api_error`); safe to retry. */
export class InternalServerError extends APIError {
  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 500));
    brand(this, 'InternalServerError');
  }

  static override isInstance(value: unknown): value is InternalServerError {
    return hasBrand(value, 'InternalServerError');
  }
}

/** 503: the service is temporarily unavailable (sent by some relays); safe to retry. */
export class ServiceUnavailableError extends APIError {
  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 503));
    brand(this, 'ServiceUnavailableError');
  }

  static override isInstance(value: unknown): value is ServiceUnavailableError {
    return hasBrand(value, 'ServiceUnavailableError');
  }
}

/** 529: the API is temporarily overloaded (`overloaded_error`); retry with backoff. */
export class OverloadedError extends APIError {
  constructor(options?: StatusErrorOptions) {
    super(withStatus(options, 529));
    brand(this, 'OverloadedError');
  }

  static override isInstance(value: unknown): value is OverloadedError {
    return hasBrand(value, 'OverloadedError');
  }
}
