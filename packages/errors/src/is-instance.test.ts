import { describe, expect, it, vi } from 'vitest';
import * as first from './index.js';

// A second, separately evaluated copy of the package: the same situation as two
// installed versions. Its classes are distinct objects, so `instanceof` fails across
// copies and only the Symbol.for brands can tell.
async function loadSecondCopy(): Promise<typeof first> {
  vi.resetModules();
  return import('./index.js');
}

describe('isInstance across two copies of the package', () => {
  it('loads two distinct class identities', async () => {
    const second = await loadSecondCopy();
    expect(second.APIError).not.toBe(first.APIError);
    expect(second.ParleyError).not.toBe(first.ParleyError);
    expect(second.errorFromStatus({ status: 429, body: '' })).not.toBeInstanceOf(first.APIError);
  });

  it('recognises every class made by the other copy', async () => {
    const second = await loadSecondCopy();
    const rateLimited = second.errorFromStatus({ status: 429, body: '' });
    expect(first.ParleyError.isInstance(rateLimited)).toBe(true);
    expect(first.APIError.isInstance(rateLimited)).toBe(true);
    expect(first.RateLimitError.isInstance(rateLimited)).toBe(true);
    expect(first.OverloadedError.isInstance(rateLimited)).toBe(false);
    expect(first.APIConnectionError.isInstance(rateLimited)).toBe(false);

    const timeout = new second.APITimeoutError({ timeoutMs: 1 });
    expect(first.APIConnectionError.isInstance(timeout)).toBe(true);
    expect(first.APITimeoutError.isInstance(timeout)).toBe(true);
    expect(first.APIError.isInstance(timeout)).toBe(false);

    expect(first.APIUserAbortError.isInstance(new second.APIUserAbortError())).toBe(true);
    expect(first.RequestValidationError.isInstance(new second.RequestValidationError({ path: [], rule: 'custom' }))).toBe(true);
  });

  it('applies the retry policy to errors from the other copy', async () => {
    const second = await loadSecondCopy();
    expect(first.isRetryable(second.errorFromStatus({ status: 529, body: '' }))).toBe(true);
    expect(first.isRetryable(new second.APIUserAbortError())).toBe(false);
    const limited = second.errorFromStatus({ status: 429, headers: { 'retry-after': '2' }, body: '' });
    expect(first.retryDelayMs(limited, 1)).toBe(2000);
  });

  it('has a static isInstance on every class that tells the classes apart', () => {
    const classes = [
      first.BadRequestError, first.AuthenticationError, first.PermissionDeniedError, first.NotFoundError,
      first.ConflictError, first.RequestTooLargeError, first.UnprocessableEntityError, first.RateLimitError,
      first.InternalServerError, first.ServiceUnavailableError, first.OverloadedError,
    ];
    for (const errorClass of classes) {
      const error = new errorClass();
      for (const other of classes) expect(other.isInstance(error)).toBe(other === errorClass);
      expect(first.APIError.isInstance(error)).toBe(true);
    }
  });

  it('says no to look-alikes', () => {
    for (const value of [new Error('x'), { status: 500, name: 'APIError' }, null, undefined, 'APIError', 42]) {
      expect(first.ParleyError.isInstance(value)).toBe(false);
      expect(first.APIError.isInstance(value)).toBe(false);
    }
  });
});
