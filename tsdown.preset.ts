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

/**
 * For a package that uses `@parley/core` for types only (errors, streaming): the core
 * types its declarations name are copied into its own `dist/`, so core (its request
 * checks and schemas) is a devDependency, and installing the package installs none of it.
 * The copies are structural, so they and core's own types are interchangeable.
 */
export const coreTypesInlined: Partial<UserConfig> = {
  deps: { dts: { alwaysBundle: ['@parley/core'] }, onlyBundle: false },
  plugins: [
    {
      // The copies keep their shapes but not core's doc comments (more than half their
      // bytes): the documented originals are what a user of the sdk or core hovers.
      name: 'parley:core-types-without-docs',
      generateBundle(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type === 'chunk' && file.fileName.startsWith('core/') && file.fileName.endsWith('.d.ts')) {
            file.code = file.code.replace(/^[ \t]*\/\*\*[\s\S]*?\*\/\n/gm, '');
          }
        }
      },
    },
  ],
};
