/** The message of an error, or the thrown value as text when it is not an Error. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message === '' ? error.name : error.message;
  if (typeof error === 'string') return error;
  try {
    // undefined for undefined, functions and symbols, which String() describes well.
    const json = JSON.stringify(error) as string | undefined;
    if (json !== undefined) return json;
  } catch {
    // A cycle or a throwing toJSON: fall through.
  }
  return String(error);
}
