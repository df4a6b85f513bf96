// The server's own answer to "when may I retry?", from response headers.

const NUMBER = /^\s*\d+(\.\d+)?\s*$/;
// Date.parse accepts almost anything; only hand it what looks like an HTTP date.
const HTTP_DATE = /\d{4}.*\d{1,2}:\d{2}|\d{1,2}:\d{2}.*\d{4}/;

/**
 * The delay the server asked for, in milliseconds: `retry-after-ms` first (Anthropic's
 * precise form), then `retry-after` as seconds or as an HTTP date (a date in the past
 * means now). `undefined` when neither header is present and valid.
 *
 * @param now - the current time in ms since the epoch, to resolve HTTP dates.
 */
export function serverRetryDelayMs(headers: Headers, now: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && NUMBER.test(ms)) return Number(ms);
  const after = headers.get('retry-after');
  if (after === null) return undefined;
  if (NUMBER.test(after)) return Number(after) * 1000;
  const date = HTTP_DATE.test(after) ? Date.parse(after) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
