// The integration suite: @parley/sdk against llama.cpp's llama-server, a Messages API
// written by others. Run it from the repository root with
//   vitest run --config packages/sdk/test/integration/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import unitConfig from '../../../../vitest.config.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export default defineConfig({
  root: repoRoot,
  // Only the aliases and reporters are shared: the unit config's include/exclude would
  // shut this folder out, and its type tests have nothing to do here.
  resolve: { alias: unitConfig.resolve?.alias },
  test: {
    reporters: unitConfig.test?.reporters ?? ['default'],
    include: ['packages/sdk/test/integration/**/*.test.ts'],
    globalSetup: ['packages/sdk/test/integration/global-setup.ts'],
    typecheck: { enabled: false },
    // The servers are shared and have one slot each: files take turns.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
