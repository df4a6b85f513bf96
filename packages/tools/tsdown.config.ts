import { defineConfig } from 'tsdown';

export default defineConfig({
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
});
