import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  MAX_SERVER_RETRY_DELAY_MS,
  ParleyError,
  RateLimitError,
  RequestValidationError,
  errorFromStatus,
  isRetryable,
  retryDelayMs,
} from './index.js';

const withStatus = (status: number, headers: Record<string, string> = {}) => errorFromStatus({ status, headers, body: '' });
const NOW = Date.parse('2026-01-01T00:00:00Z');
const fixed = { random: () => 0, now: () => NOW };

describe('isRetryable', () => {
  it.each([
    [408, true], [409, true], [429, true], [500, true], [502, true], [503, true], [504, true], [529, true], [599, true],
    [400, false], [401, false], [403, false], [404, false], [413, false], [422, false],
  ])('status %i -> %s', (status, expected) => {
    expect(isRetryable(withStatus(status))).toBe(expected);
  });

  it('retries connection errors and timeouts', () => {
    expect(isRetryable(new APIConnectionError({ cause: new TypeError('fetch failed') }))).toBe(true);
    expect(isRetryable(new APITimeoutError({ timeoutMs: 10 }))).toBe(true);
  });

  it('never retries an abort, a validation failure or a foreign error', () => {
    expect(isRetryable(new APIUserAbortError())).toBe(false);
    expect(isRetryable(new RequestValidationError({ path: ['max_tokens'], rule: 'invalid_type' }))).toBe(false);
    expect(isRetryable(new ParleyError('plain'))).toBe(false);
    expect(isRetryable(new TypeError('fetch failed'))).toBe(false);
    expect(isRetryable('529')).toBe(false);
  });

  it('lets x-should-retry override the status both ways', () => {
    expect(isRetryable(withStatus(400, { 'x-should-retry': 'true' }))).toBe(true);
    expect(isRetryable(withStatus(529, { 'x-should-retry': 'false' }))).toBe(false);
    expect(isRetryable(withStatus(429, { 'x-should-retry': 'maybe' }))).toBe(true);
  });
});

describe('retryDelayMs', () => {
  it('backs off from 0.5 s, doubling up to 8 s', () => {
    const error = withStatus(529);
    expect([1, 2, 3, 4, 5, 6, 10].map((attempt) => retryDelayMs(error, attempt, fixed))).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
    expect(retryDelayMs(error, 0, fixed)).toBe(500);
  });

  it('jitters down by up to 25%, never above the base', () => {
    const error = new APIConnectionError();
    expect(retryDelayMs(error, 1, { random: () => 0.5 })).toBe(438);
    expect(retryDelayMs(error, 5, { random: () => 0.999999 })).toBe(6000);
    expect(retryDelayMs(error, 3, { random: () => 0.2 })).toBe(1900);
  });

  it('honours retry-after-ms exactly, before retry-after', () => {
    expect(retryDelayMs(withStatus(429, { 'retry-after-ms': '1234.5', 'retry-after': '30' }), 1, fixed)).toBe(1234.5);
  });

  it('honours retry-after in seconds', () => {
    expect(retryDelayMs(withStatus(429, { 'retry-after': '3' }), 4, fixed)).toBe(3000);
  });

  it('honours retry-after as an HTTP date, and a past date as now', () => {
    const inTen = new Date(NOW + 10_000).toUTCString();
    expect(retryDelayMs(withStatus(503, { 'retry-after': inTen }), 1, fixed)).toBe(10_000);
    const past = new Date(NOW - 10_000).toUTCString();
    expect(retryDelayMs(withStatus(503, { 'retry-after': past }), 1, fixed)).toBe(0);
  });

  it('reports a server delay above the cap as undefined instead of sleeping', () => {
    expect(MAX_SERVER_RETRY_DELAY_MS).toBe(60_000);
    expect(retryDelayMs(withStatus(429, { 'retry-after': '60' }), 1, fixed)).toBe(60_000);
    expect(retryDelayMs(withStatus(429, { 'retry-after': '61' }), 1, fixed)).toBeUndefined();
    expect(retryDelayMs(withStatus(429, { 'retry-after-ms': '3600000' }), 1, fixed)).toBeUndefined();
    const tomorrow = new Date(NOW + 86_400_000).toUTCString();
    expect(retryDelayMs(withStatus(429, { 'retry-after': tomorrow }), 1, fixed)).toBeUndefined();
    expect(retryDelayMs(withStatus(429, { 'retry-after': '5' }), 1, { ...fixed, maxServerDelayMs: 1000 })).toBeUndefined();
    expect(retryDelayMs(withStatus(429, { 'retry-after': '90' }), 1, { ...fixed, maxServerDelayMs: 120_000 })).toBe(90_000);
  });

  it('falls back to backoff for a header it cannot read', () => {
    expect(retryDelayMs(withStatus(429, { 'retry-after': 'soon' }), 2, fixed)).toBe(1000);
    expect(retryDelayMs(withStatus(429, { 'retry-after-ms': '-5', 'retry-after': '2' }), 2, fixed)).toBe(2000);
    expect(retryDelayMs(withStatus(429, { 'retry-after': '1 2' }), 1, fixed)).toBe(500);
  });

  it('gives RateLimitError its retryAfterMs', () => {
    const error = errorFromStatus({ status: 429, headers: { 'retry-after-ms': '750' }, body: '' });
    expect(RateLimitError.isInstance(error) && error.retryAfterMs).toBe(750);
    expect(new RateLimitError().retryAfterMs).toBeUndefined();
  });
});
