import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnv } from '../src/env.js';

const scope = globalThis as { Deno?: unknown; process?: unknown };

afterEach(() => {
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
});

describe('readEnv', () => {
  it('reads process.env, trimmed, and treats empty as unset', () => {
    vi.stubEnv('PARLEY_TEST_VALUE', '  value  ');
    vi.stubEnv('PARLEY_TEST_EMPTY', '   ');
    expect(readEnv('PARLEY_TEST_VALUE')).toBe('value');
    expect(readEnv('PARLEY_TEST_EMPTY')).toBeUndefined();
    expect(readEnv('PARLEY_TEST_MISSING')).toBeUndefined();
  });

  it('reads Deno.env where there is no process, and survives a refusal', () => {
    vi.stubGlobal('process', undefined);
    vi.stubGlobal('Deno', { env: { get: (name: string) => (name === 'A' ? 'from-deno' : undefined) } });
    expect(readEnv('A')).toBe('from-deno');
    vi.stubGlobal('Deno', {
      env: {
        get: () => {
          throw new Error('Requires env access');
        },
      },
    });
    expect(readEnv('A')).toBeUndefined();
    expect(scope.process).toBeUndefined();
  });

  it('returns undefined in a runtime without any environment', () => {
    vi.stubGlobal('process', undefined);
    expect(readEnv('ANTHROPIC_API_KEY')).toBeUndefined();
  });
});
