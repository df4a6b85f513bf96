/** The `error.type` Anthropic uses for each status; unknown statuses fall back by class. */
const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const MESSAGE_BY_TYPE: Record<string, string> = {
  invalid_request_error: 'Invalid request.',
  authentication_error: 'invalid x-api-key',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'The requested resource could not be found.',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of requests has exceeded your rate limit.',
  api_error: 'Internal server error.',
  timeout_error: 'Request timed out.',
  overloaded_error: 'Overloaded',
};

const STATUS_BY_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 403,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/** The `error.type` for an HTTP status. */
export function errorTypeForStatus(status: number): string {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** The HTTP status for an `error.type`; unknown types are treated as server errors. */
export function statusForErrorType(type: string): number {
  return STATUS_BY_TYPE[type] ?? 500;
}

/** The body of an error response, and the data of an SSE `error` event. */
export interface ErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id: string;
}

/** Anthropic's error body: `{ type: 'error', error: { type, message }, request_id }`. */
export function errorBody(options: { type: string; message?: string | undefined; requestId: string }): ErrorBody {
  return {
    type: 'error',
    error: { type: options.type, message: options.message ?? MESSAGE_BY_TYPE[options.type] ?? 'Error.' },
    request_id: options.requestId,
  };
}
