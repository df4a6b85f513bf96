import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source, so a change is tested without a build;
// the release test (scripts/test-release) proves the built packages separately.
const source = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      ...['core', 'errors', 'streaming', 'tools', 'sdk', 'mock', 'otel'].map((name) => ({
        find: new RegExp(`^@parley/${name}$`),
        replacement: source(name),
      })),
      // core's subpath exports: the compiled request checks, their explanations, the zod schemas.
      { find: /^@parley\/core\/validators$/, replacement: fileURLToPath(new URL('./packages/core/src/generated/validators.gen.ts', import.meta.url)) },
      { find: /^@parley\/core\/explain$/, replacement: fileURLToPath(new URL('./packages/core/src/explain.ts', import.meta.url)) },
      { find: /^@parley\/core\/zod$/, replacement: fileURLToPath(new URL('./packages/core/src/generated/zod.gen.ts', import.meta.url)) },
    ],
  },
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts', 'examples/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'packages/*/test/integration/**'],
    typecheck: {
      enabled: true,
      include: ['packages/*/src/**/*.test-d.ts', 'packages/*/test/**/*.test-d.ts'],
      tsconfig: './tsconfig.typetest.json',
    },
    testTimeout: 20_000,
  },
});
