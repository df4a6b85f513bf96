// The throwaway copy of the workspace the release is made from: the files git would
// commit (tracked and untracked-but-not-ignored), installed from the local pnpm store,
// versioned with a changesets snapshot, built, and published with `changeset publish`.
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CommandError, run, tail } from './process.mjs';

export const SNAPSHOT_TAG = 'release-test';

/**
 * Copies the files `git ls-files -co --exclude-standard` names (what a fresh clone
 * plus the work in progress holds, no node_modules or dist) into `dest`.
 * @param {{ repoRoot: string; dest: string; env: NodeJS.ProcessEnv }} options
 * @returns {Promise<number>} number of files copied
 */
export async function copyWorkspace({ repoRoot, dest, env }) {
  const { stdout } = await run('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: repoRoot, env, timeoutMs: 60_000 }).catch(
    (/** @type {unknown} */ error) => {
      throw new Error(`cannot list the workspace's files with git (the release test runs in a git clone): ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  let count = 0;
  for (const file of stdout.split('\0').filter(Boolean)) {
    const from = path.join(repoRoot, file);
    let stat;
    try {
      stat = lstatSync(from);
    } catch {
      continue; // deleted in the work tree, not yet in a commit
    }
    const to = path.join(dest, file);
    mkdirSync(path.dirname(to), { recursive: true });
    if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
    else if (stat.isFile()) copyFileSync(from, to);
    else continue;
    count++;
  }
  return count;
}

/**
 * Installs the copy from the local pnpm store (filled by the workspace's own install).
 * @param {{ dir: string; env: NodeJS.ProcessEnv }} options
 * @returns {Promise<string>} which mode worked
 */
export async function installWorkspace({ dir, env }) {
  try {
    await run('pnpm', ['install', '--offline', '--frozen-lockfile'], { cwd: dir, env, timeoutMs: 300_000 });
    return 'offline, frozen lockfile';
  } catch (error) {
    if (!(error instanceof CommandError) || /ERR_PNPM_OUTDATED_LOCKFILE|ERR_PNPM_LOCKFILE/.test(error.stdout + error.stderr)) throw error;
    const reason = (error.stdout + error.stderr).split('\n').find((line) => /ERR_PNPM|ERR!/.test(line)) ?? error.message;
    // A package missing from the store: fetch it, still bound to the lockfile.
    await run('pnpm', ['install', '--prefer-offline', '--frozen-lockfile'], { cwd: dir, env, timeoutMs: 300_000 });
    return `prefer-offline, frozen lockfile (offline failed: ${reason.trim()})`;
  }
}

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name
 * @property {string} dir absolute path of the package folder
 * @property {Record<string, any>} manifest package.json as it is now
 */

/**
 * The public (non-private) packages under packages/.
 * @param {string} root
 * @returns {WorkspacePackage[]}
 */
export function publicPackages(root) {
  const base = path.join(root, 'packages');
  return readdirSync(base, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(base, entry.name, 'package.json')))
    .map((entry) => {
      const dir = path.join(base, entry.name);
      return { name: '', dir, manifest: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) };
    })
    .filter((pkg) => pkg.manifest.private !== true)
    .map((pkg) => ({ ...pkg, name: String(pkg.manifest.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Adds a changeset releasing every public package and runs
 * `changeset version --snapshot release-test`. Returns the one version they share.
 * @param {{ dir: string; node: string; env: NodeJS.ProcessEnv }} options
 * @returns {Promise<string>}
 */
export async function versionSnapshot({ dir, node, env }) {
  const before = publicPackages(dir);
  // Our own changeset, so the snapshot does not depend on which ones are pending.
  const frontmatter = before.map((pkg) => `'${pkg.name}': patch`).join('\n');
  writeFileSync(path.join(dir, '.changeset', `${SNAPSHOT_TAG}.md`), `---\n${frontmatter}\n---\n\nRelease test snapshot.\n`);
  const changeset = path.join(dir, 'node_modules', '@changesets', 'cli', 'bin.js');
  await run(node, [changeset, 'version', '--snapshot', SNAPSHOT_TAG], { cwd: dir, env, timeoutMs: 120_000 });
  const versions = new Set(publicPackages(dir).map((pkg) => String(pkg.manifest.version)));
  const [version] = versions;
  if (versions.size !== 1 || !version?.includes(SNAPSHOT_TAG)) {
    throw new Error(`expected one snapshot version for all public packages (changesets fixed group), got: ${[...versions].join(', ')}`);
  }
  return version;
}

const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * Builds every package (turbo + tsdown, which runs attw and publint) and reads the
 * attw/publint verdicts from the output.
 * @param {{ dir: string; env: NodeJS.ProcessEnv; names: string[] }} options
 * @returns {Promise<{ attwClean: string[]; publintClean: string[]; output: string }>}
 */
export async function buildWorkspace({ dir, env, names }) {
  const { stdout, stderr } = await run('pnpm', ['build'], { cwd: dir, env, timeoutMs: 300_000 });
  // Colours are on where CI is set; the verdicts are read from the plain text.
  const output = (stdout + stderr).replace(ANSI_COLOUR, '');
  /** @param {RegExp} verdict */
  const cleanFor = (verdict) =>
    names.filter((name) => output.split('\n').some((line) => line.startsWith(`${name}:build:`) && verdict.test(line)));
  return {
    attwClean: cleanFor(/\[attw\] No problems found/),
    publintClean: cleanFor(/\[publint\] No issues found/),
    output,
  };
}

/**
 * Points the copy at the local registry with the token, then runs
 * `changeset publish` (pnpm publish underneath, which rewrites `workspace:` ranges).
 * @param {{ dir: string; node: string; env: NodeJS.ProcessEnv; registryUrl: string; token: string }} options
 * @returns {Promise<string>} changesets' output
 */
export async function publishWorkspace({ dir, node, env, registryUrl, token }) {
  const npmrc = path.join(dir, '.npmrc');
  const existing = existsSync(npmrc) ? `${readFileSync(npmrc, 'utf8').trimEnd()}\n` : '';
  const host = registryUrl.replace(/^https?:/, '');
  writeFileSync(npmrc, `${existing}registry=${registryUrl}\n${host}:_authToken=${token}\n`, { mode: 0o600 });
  const changeset = path.join(dir, 'node_modules', '@changesets', 'cli', 'bin.js');
  const { stdout, stderr } = await run(node, [changeset, 'publish', '--no-git-tag'], {
    cwd: dir,
    env: { ...env, npm_config_registry: registryUrl },
    timeoutMs: 300_000,
  });
  return tail(stdout + stderr, 60);
}
