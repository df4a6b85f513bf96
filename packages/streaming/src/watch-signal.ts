/**
 * Calls `onAbort` when `signal` fires, once; a signal aborted already is reported on a
 * microtask, so listeners attached right after the stream was created still hear of it.
 * Returns the function that stops watching.
 */
export function watchSignal(signal: AbortSignal, onAbort: (reason: unknown) => void): () => void {
  if (signal.aborted) {
    queueMicrotask(() => {
      onAbort(signal.reason);
    });
    return () => undefined;
  }
  const listener = (): void => {
    onAbort(signal.reason);
  };
  signal.addEventListener('abort', listener, { once: true });
  return () => {
    signal.removeEventListener('abort', listener);
  };
}
