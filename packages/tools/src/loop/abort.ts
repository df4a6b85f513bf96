import { APIUserAbortError } from '@parley/errors';

/**
 * The error to reject with once `signal` has aborted: the reason itself when it already
 * is an `APIUserAbortError`, otherwise a new one carrying the reason as its cause.
 */
export function abortError(signal: AbortSignal, cause: unknown = signal.reason): APIUserAbortError {
  if (APIUserAbortError.isInstance(cause)) return cause;
  return new APIUserAbortError({ cause });
}

/** A promise that rejects with {@link abortError} when `signal` aborts; `dispose` stops listening. */
export function onAbort(signal: AbortSignal): { promise: Promise<never>; dispose: () => void } {
  let listener: (() => void) | undefined;
  const promise = new Promise<never>((_resolve, reject) => {
    listener = () => {
      reject(abortError(signal));
    };
    if (signal.aborted) listener();
    else signal.addEventListener('abort', listener, { once: true });
  });
  const dispose = () => {
    if (listener !== undefined) signal.removeEventListener('abort', listener);
  };
  return { promise, dispose };
}
