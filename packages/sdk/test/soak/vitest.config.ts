// The soak suite: long runs that fail on a leak (heap, listeners, timers, sockets) or on
// a call that outlives its timeout. Run it from the repository root with
//   vitest run --config packages/sdk/test/soak/vitest.config.ts
// Files end in .soak.ts, so the unit suite does not pick them up.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import unitConfig from '../../../../vitest.config.js';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export default defineConfig({
  root: repoRoot,
  resolve: { alias: unitConfig.resolve?.alias },
  test: {
    reporters: unitConfig.test?.reporters ?? ['default'],
    include: ['packages/sdk/test/soak/**/*.soak.ts'],
    typecheck: { enabled: false },
    // Each file in a process of its own, with gc() to measure the heap; one file at a
    // time, so none measures another's load.
    pool: 'forks',
    execArgv: ['--expose-gc'],
    fileParallelism: false,
    testTimeout: 120_000,
  },
});
