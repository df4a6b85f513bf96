import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts'],
  // One output file per source module: with `sideEffects: false`, a bundler then drops
  // the zod schemas (which run at import) from a program that uses none of them.
  unbundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  fixedExtension: false,
  dts: true,
  sourcemap: false,
  failOnWarn: true,
  attw: { profile: 'esm-only', level: 'error' },
  publint: { level: 'warning', strict: true },
});
