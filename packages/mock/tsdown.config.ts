import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  fixedExtension: false,
  dts: true,
  sourcemap: false,
  failOnWarn: true,
  attw: { profile: 'esm-only', level: 'error' },
  publint: { level: 'warning', strict: true },
});
