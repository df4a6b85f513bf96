import { APIConnectionError, APITimeoutError, ParleyError } from '@parley/errors';

/** Whether a failed fetch or read was an abort (fetch rejects with an `AbortError` when its signal fires). */
export function isAbortError(error: unknown): boolean {
  return errorName(error) === 'AbortError';
}

/** The error for a body (or response) that could not be read: the connection dropped or timed out. */
export function toReadError(error: unknown): ParleyError {
  if (ParleyError.isInstance(error)) return error;
  if (errorName(error) === 'TimeoutError') return new APITimeoutError({ cause: error });
  return new APIConnectionError({ cause: error });
}

/** The error for anything else that broke a running stream: a listener threw, say. */
export function toStreamError(error: unknown): ParleyError {
  if (ParleyError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ParleyError(`The stream failed: ${message}`, { cause: error });
}

function errorName(error: unknown): string | undefined {
  if (error instanceof Error) return error.name;
  if (typeof DOMException !== 'undefined' && error instanceof DOMException) return error.name;
  return undefined;
}
