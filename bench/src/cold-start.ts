// Cold start: how long a fresh `node` process takes to load a package and exit, against
// bare node, each measured in fresh processes interleaved round by round.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median } from './stats.ts';

export type LoadMode = 'import' | 'require';

/** What is loaded: nothing (bare node), Parley or the official SDK. */
export type LoadTarget = 'bare' | 'parley' | 'official';

const PACKAGES: Record<Exclude<LoadTarget, 'bare'>, { name: string; check: string }> = {
  parley: { name: '@parley/sdk', check: 'Parley' },
  official: { name: '@anthropic-ai/sdk', check: 'Anthropic' },
};

export interface ColdStart {
  mode: LoadMode;
  target: LoadTarget;
  /** Median wall time of the process, in ms. */
  medianMs: number;
  samples: number[];
}

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

// Each program checks it really got the package, so a failed load cannot pass for a fast one.
function programFor(mode: LoadMode, target: LoadTarget): string[] {
  // Node 20 warns that require() of ES modules is experimental; the warning is not what is measured.
  const flags = mode === 'import' ? ['--no-warnings', '--input-type=module', '-e'] : ['--no-warnings', '-e'];
  if (target === 'bare') return [...flags, 'void 0'];
  const { name, check } = PACKAGES[target];
  if (mode === 'import') return [...flags, `import * as m from '${name}'; if (typeof m.${check} !== 'function') process.exit(3);`];
  return [...flags, `if (typeof require('${name}').${check} !== 'function') process.exit(3);`];
}

function runOnce(node: string, args: readonly string[]): number {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const start = performance.now();
  const result = spawnSync(node, args, { cwd: BENCH_DIR, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`cold start: ${node} ${args.join(' ')} exited with ${String(result.status)}: ${result.stderr.toString().slice(0, 500)}`);
  return elapsed;
}

/**
 * Measures every mode and target with `node`: one warm-up round (file system caches),
 * then `rounds` rounds in which each program runs once in a fresh process.
 */
export function measureColdStart(node: string, rounds: number): ColdStart[] {
  const cases: { mode: LoadMode; target: LoadTarget; samples: number[] }[] = [];
  for (const mode of ['import', 'require'] as const) {
    for (const target of ['bare', 'parley', 'official'] as const) cases.push({ mode, target, samples: [] });
  }
  for (let round = -1; round < rounds; round++) {
    for (const entry of cases) {
      const ms = runOnce(node, programFor(entry.mode, entry.target));
      if (round >= 0) entry.samples.push(ms);
    }
  }
  return cases.map(({ mode, target, samples }) => ({ mode, target, samples, medianMs: median(samples) }));
}
