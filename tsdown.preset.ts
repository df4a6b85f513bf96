import { defineConfig, type UserConfig } from 'tsdown';

/**
 * The build every public package shares: ESM only, declarations, and attw (esm-only
 * profile) and publint switched on so a packaging mistake fails the build.
 */
export function parleyPackage(overrides: Partial<UserConfig> = {}): UserConfig {
  // `pnpm start` only runs JavaScript: it skips declarations and the packaging checks
  // (the cache keeps the two builds apart through turbo's `env`).
  const jsOnly = process.env.PARLEY_BUILD_JS_ONLY === '1';
  return defineConfig({
    entry: ['src/index.ts'],
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    fixedExtension: false,
    dts: !jsOnly,
    sourcemap: false,
    failOnWarn: true,
    attw: jsOnly ? false : { profile: 'esm-only', level: 'error' },
    publint: jsOnly ? false : { level: 'warning', strict: true },
    // Timing reports are noise under load, and failOnWarn must only catch real problems.
    inputOptions: { checks: { bundlerTimings: false } },
    ...overrides,
  });
}
