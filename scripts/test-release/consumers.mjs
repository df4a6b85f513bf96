// Fresh consumer projects outside the workspace: an empty folder with an .npmrc that
// names the local registry only, packages installed with the machine's npm, programs
// run as ESM and through require(), and TypeScript files type-checked against the
// published declarations under two module resolutions.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { programSource } from './consumer-programs.mjs';
import { CommandError, run, tail } from './process.mjs';

/** The two ways users resolve modules; node16 without the DOM lib, as on a Node server. */
const TS_VARIANTS = {
  node16: { module: 'node16', moduleResolution: 'node16', lib: ['ES2022'] },
  bundler: { module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM', 'DOM.Iterable'] },
};

/**
 * Creates an empty project that installs from `registryUrl` only.
 * @param {{ dir: string; registryUrl: string }} options
 */
export function createProject({ dir, registryUrl }) {
  mkdirSync(dir, { recursive: true });
  const name = `release-test-${path.basename(dir)}`;
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(path.join(dir, '.npmrc'), `registry=${registryUrl}\n`);
}

/**
 * `npm install <specs>` in a project, then checks every installed package came from
 * the local registry (the lockfile's `resolved` URLs).
 * @param {{ dir: string; specs: string[]; npm: string; env: NodeJS.ProcessEnv; registryUrl: string }} options
 * @returns {Promise<{ ms: number; packages: number }>}
 */
export async function npmInstall({ dir, specs, npm, env, registryUrl }) {
  // The npm cache is this run's own, so prefer-offline only saves repeated metadata requests.
  const { ms } = await run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs], { cwd: dir, env, timeoutMs: 240_000 });
  const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  const entries = Object.entries(lock.packages ?? {}).filter(([key, entry]) => key !== '' && !entry.link);
  const foreign = entries.filter(([, entry]) => !String(entry.resolved ?? '').startsWith(registryUrl));
  if (foreign.length > 0) {
    throw new Error(`installed from somewhere other than the local registry: ${foreign.map(([key, entry]) => `${key} (${entry.resolved})`).join(', ')}`);
  }
  return { ms, packages: entries.length };
}

/**
 * The version of an installed package.
 * @param {string} dir project folder
 * @param {string} name
 */
export function installedVersion(dir, name) {
  const file = path.join(dir, 'node_modules', ...name.split('/'), 'package.json');
  return existsSync(file) ? String(JSON.parse(readFileSync(file, 'utf8')).version) : undefined;
}

/**
 * Writes the scenario's programs and runs them: ESM on the workspace's Node and the
 * system Node, CommonJS (require of ESM) on the system Node.
 * @param {{ dir: string; scenario: import('./consumer-programs.mjs').Scenario; node: string; systemNode: string; env: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ run: string; ok: boolean; output: string }[]>}
 */
export async function runPrograms({ dir, scenario, node, systemNode, env }) {
  writeFileSync(path.join(dir, 'main.mjs'), programSource(scenario, 'esm'));
  writeFileSync(path.join(dir, 'main.cjs'), programSource(scenario, 'cjs'));
  const runs = [
    { run: 'ESM, workspace node', command: node, file: 'main.mjs' },
    { run: 'ESM, system node', command: systemNode, file: 'main.mjs' },
    { run: 'require(), system node', command: systemNode, file: 'main.cjs' },
  ];
  const results = [];
  for (const { run: name, command, file } of runs) {
    try {
      const { stdout } = await run(command, [file], { cwd: dir, env, timeoutMs: 60_000 });
      results.push({ run: name, ok: true, output: stdout.trimEnd() });
    } catch (error) {
      const output = error instanceof CommandError ? `${error.message}\n${tail(error.stdout + error.stderr, 25)}` : String(error);
      results.push({ run: name, ok: false, output });
    }
  }
  return results;
}

/**
 * Type-checks the scenario's TypeScript file with the workspace's tsc under each
 * module resolution, `strict` and `skipLibCheck: false` so a broken published
 * declaration fails.
 * @param {{ dir: string; scenario: import('./consumer-programs.mjs').Scenario; node: string; tsc: string; typeRoots: string; env: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ variant: string; ok: boolean; output: string }[]>}
 */
export async function typecheck({ dir, scenario, node, tsc, typeRoots, env }) {
  writeFileSync(path.join(dir, 'index.ts'), scenario.types);
  const results = [];
  for (const [variant, options] of Object.entries(TS_VARIANTS)) {
    const config = {
      compilerOptions: {
        ...options,
        target: 'ES2022',
        strict: true,
        skipLibCheck: false,
        // TypeScript's own lib files are not what is under test; every package's are.
        skipDefaultLibCheck: true,
        noEmit: true,
        // @types/node, as a Node user has it (from the workspace, to stay offline).
        types: ['node'],
        typeRoots: [typeRoots],
      },
      files: ['index.ts'],
    };
    const file = `tsconfig.${variant}.json`;
    writeFileSync(path.join(dir, file), `${JSON.stringify(config, null, 2)}\n`);
    try {
      await run(node, [tsc, '-p', file, '--pretty', 'false'], { cwd: dir, env, timeoutMs: 120_000 });
      results.push({ variant, ok: true, output: '' });
    } catch (error) {
      const output = error instanceof CommandError ? tail(error.stdout + error.stderr, 25) : String(error);
      results.push({ variant, ok: false, output });
    }
  }
  return results;
}
