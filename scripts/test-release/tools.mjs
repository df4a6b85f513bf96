// Finds the programs the release test drives and builds the environments it runs
// them in. Two worlds meet here: the workspace's toolchain (Node 24, pnpm, tsc,
// verdaccio) and a user's machine (the system Node and npm, outside node_modules).
/* global process */
import { accessSync, constants, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './process.mjs';

/**
 * Whether this Node version can require() ES modules without a flag (20.19+, 22.12+, 23+),
 * which the CommonJS consumer run needs.
 * @param {string} version e.g. 20.20.2
 */
function canRequireEsm(version) {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major >= 23;
}

/**
 * @param {string} dir
 * @param {string} name
 */
function executableIn(dir, name) {
  const file = path.join(dir, name);
  try {
    accessSync(file, constants.X_OK);
    return file;
  } catch {
    return undefined;
  }
}

/** PATH entries in order, without empty ones. */
function pathEntries() {
  return (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
}

/** @param {string} dir */
function insideNodeModules(dir) {
  return path.resolve(dir).split(path.sep).includes('node_modules');
}

/**
 * A user's program: the first one on PATH that is not inside a node_modules folder
 * (pnpm puts the workspace's Node 24 in node_modules/.bin first).
 * @param {string} name
 */
function findSystem(name) {
  for (const dir of pathEntries()) {
    if (insideNodeModules(dir)) continue;
    const file = executableIn(dir, name);
    if (file) return file;
  }
  return undefined;
}

/**
 * The environment inherited minus npm's and pnpm's per-run settings, so that neither
 * a `pnpm test:release` parent nor a user's config leaks into what the test runs.
 * @param {NodeJS.ProcessEnv} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
export function cleanEnv(extra = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_/i.test(key) || key === 'INIT_CWD' || key === 'NODE') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * @typedef {object} Tools
 * @property {string} node the Node running this script (the workspace's Node 24)
 * @property {string} systemNode the machine's own node
 * @property {string} systemNodeVersion
 * @property {string} npm the machine's own npm
 * @property {string} npmVersion
 * @property {string} pnpmVersion
 * @property {NodeJS.ProcessEnv} workspaceEnv for pnpm and changesets in the throwaway workspace
 * @property {NodeJS.ProcessEnv} userEnv for npm and node in the consumer projects
 */

/**
 * Locates the toolchain and writes the isolated npm config files into `tmp`.
 * @param {{ tmp: string; pnpmVersion: string }} options
 * @returns {Promise<Tools>}
 */
export async function findTools({ tmp, pnpmVersion }) {
  const systemNode = findSystem('node');
  const npm = findSystem('npm');
  if (!systemNode || !npm) {
    throw new Error('no system node/npm found on PATH outside node_modules (a user installs with the machine\'s npm)');
  }
  const cleanPath = pathEntries().filter((dir) => !insideNodeModules(dir));

  // Empty user and global npm configs: the test must not depend on (or write to)
  // the machine's npm settings and credentials.
  const npmrcDir = path.join(tmp, 'npm-config');
  mkdirSync(npmrcDir, { recursive: true });
  const userRc = path.join(npmrcDir, 'user.npmrc');
  const globalRc = path.join(npmrcDir, 'global.npmrc');
  writeFileSync(userRc, '');
  writeFileSync(globalRc, '');
  const npmSettings = {
    npm_config_userconfig: userRc,
    npm_config_globalconfig: globalRc,
    npm_config_cache: path.join(tmp, 'npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };

  const userEnv = cleanEnv({ ...npmSettings, PATH: [path.dirname(systemNode), ...cleanPath].join(path.delimiter) });
  const [nodeOut, npmOut] = await Promise.all([
    run(systemNode, ['-p', 'process.versions.node'], { env: userEnv, timeoutMs: 30_000 }),
    run(npm, ['--version'], { env: userEnv, timeoutMs: 30_000 }),
  ]);
  const systemNodeVersion = nodeOut.stdout.trim();
  if (!canRequireEsm(systemNodeVersion)) {
    throw new Error(`system node ${systemNodeVersion} (${systemNode}) cannot require() ES modules without a flag; use Node 20.19+, 22.12+ or 23+`);
  }

  // changesets calls `pnpm` by name: give it the workspace's pnpm, on the workspace's Node.
  const binDir = path.join(tmp, 'bin');
  mkdirSync(binDir, { recursive: true });
  const workspaceEnv = cleanEnv({
    ...npmSettings,
    PATH: [binDir, path.dirname(process.execPath), ...cleanPath].join(path.delimiter),
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  });
  const shim = path.join(binDir, 'pnpm');
  /** @param {string} command */
  const writeShim = (command) => writeFileSync(shim, `#!/bin/sh\nexec ${command} "$@"\n`, { mode: 0o755 });
  const pnpmOnPath = pathEntries().map((dir) => executableIn(dir, 'pnpm')).find(Boolean);
  let actualPnpm = '';
  if (pnpmOnPath) {
    const target = realpathSync(pnpmOnPath);
    writeShim(/\.[cm]?js$/.test(target) ? `"${process.execPath}" "${target}"` : `"${target}"`);
    actualPnpm = (await run(shim, ['--version'], { env: workspaceEnv, cwd: tmp, allowFailure: true })).stdout.trim();
  }
  if (actualPnpm !== pnpmVersion) {
    // Through npx with the machine's npm cache, where `npx -y pnpm@...` already put it.
    writeShim(`env -u npm_config_cache "${path.join(path.dirname(npm), 'npx')}" -y pnpm@${pnpmVersion}`);
    actualPnpm = (await run(shim, ['--version'], { env: workspaceEnv, cwd: tmp, timeoutMs: 120_000 })).stdout.trim();
  }

  return {
    node: process.execPath,
    systemNode,
    systemNodeVersion,
    npm,
    npmVersion: npmOut.stdout.trim(),
    pnpmVersion: actualPnpm,
    workspaceEnv,
    userEnv,
  };
}
