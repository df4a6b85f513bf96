import { defineConfig, type UserConfig } from 'tsdown';

/**
 * The build every public package shares: ESM only, declarations, and attw (esm-only
 * profile) and publint switched on so a packaging mistake fails the build.
 */
export function parleyPackage(overrides: Partial<UserConfig> = {}): UserConfig {
  return defineConfig({
    entry: ['src/index.ts'],
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    fixedExtension: false,
    dts: true,
    sourcemap: false,
    failOnWarn: true,
    attw: { profile: 'esm-only', level: 'error' },
    publint: { level: 'warning', strict: true },
    // Timing reports are noise under load, and failOnWarn must only catch real problems.
    inputOptions: { checks: { bundlerTimings: false } },
    ...overrides,
  });
}
