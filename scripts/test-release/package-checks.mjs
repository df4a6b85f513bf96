// What a published package may hold and declare: only dist/, README.md, LICENSE and
// package.json; every file its manifest points to; no workspace-only dependency range;
// every @parley dependency present in the registry.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { packument } from './registry.mjs';
import { run } from './process.mjs';

const TOP_LEVEL_FILES = new Set(['package.json', 'README.md', 'LICENSE']);
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];
const WORKSPACE_ONLY_RANGE = /^(workspace|link|file|portal|catalog):/;

/**
 * Files a manifest points to (main, types, bin, exports targets), as package-relative paths.
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function referencedFiles(manifest) {
  /** @type {Set<string>} */
  const files = new Set();
  /** @param {unknown} target */
  const add = (target) => {
    if (typeof target === 'string') {
      if (!target.includes('*')) files.add(path.posix.normalize(target.replace(/^\.\//, '')));
    } else if (Array.isArray(target)) {
      target.forEach(add);
    } else if (target && typeof target === 'object') {
      Object.values(target).forEach(add);
    }
  };
  for (const field of ['main', 'module', 'types', 'typings', 'bin', 'exports']) add(manifest[field]);
  return [...files].sort();
}

/**
 * Problems with a package's file list.
 * @param {string[]} files package-relative paths
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function fileListProblems(files, manifest) {
  const problems = [];
  const present = new Set(files);
  // A command's file (`bin`) may sit outside dist/: it is linked at install, before a build.
  const bins = new Set(Object.values(typeof manifest.bin === 'string' ? { bin: manifest.bin } : (manifest.bin ?? {})).map((target) => String(target).replace(/^\.\//, '')));
  const extra = files.filter((file) => !file.startsWith('dist/') && !TOP_LEVEL_FILES.has(file) && !bins.has(file));
  if (extra.length > 0) problems.push(`holds files outside dist/, its commands, README.md, LICENSE, package.json: ${extra.join(', ')}`);
  for (const required of [...TOP_LEVEL_FILES, 'dist/index.js', 'dist/index.d.ts']) {
    if (!present.has(required)) problems.push(`misses ${required}`);
  }
  for (const target of referencedFiles(manifest)) {
    if (!present.has(target)) problems.push(`package.json points to ${target}, which is not in the package`);
  }
  return problems;
}

/**
 * `npm pack --dry-run --json` over package folders (one npm run for all): the files
 * a publish would ship, by package name.
 * @param {{ dirs: string[]; cwd: string; npm: string; env: NodeJS.ProcessEnv }} options
 * @returns {Promise<Map<string, { files: string[]; size: number }>>}
 */
export async function packLists({ dirs, cwd, npm, env }) {
  const args = ['pack', '--dry-run', '--json', '--ignore-scripts', ...dirs.map((dir) => `./${path.relative(cwd, dir)}`)];
  const { stdout } = await run(npm, args, { cwd, env, timeoutMs: 120_000 });
  const parsed = JSON.parse(stdout.slice(stdout.indexOf('[')));
  if (!Array.isArray(parsed)) throw new Error('unexpected npm pack --json output');
  /** @type {Map<string, { files: string[]; size: number }>} */
  const lists = new Map();
  for (const entry of parsed) {
    /** @type {string[]} */
    const files = (entry.files ?? []).map((/** @type {{ path: string }} */ file) => file.path).sort();
    lists.set(String(entry.name), { files, size: Number(entry.unpackedSize) });
  }
  return lists;
}

/**
 * All files below `dir`, package-relative with forward slashes.
 * @param {string} dir
 * @returns {string[]}
 */
export function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Checks what the registry now serves for `name@version`: the version is there and
 * tagged latest, and its dependencies are installable from the registry.
 * @param {{ registryUrl: string; name: string; version: string }} options
 * @returns {Promise<{ manifest: Record<string, any> | undefined; problems: string[] }>}
 */
export async function checkPublished({ registryUrl, name, version }) {
  const problems = [];
  const doc = await packument(registryUrl, name);
  const manifest = doc?.versions?.[version];
  if (!doc || !manifest) return { manifest: undefined, problems: [`${name}@${version} is not in the registry (was it published?)`] };
  if (doc['dist-tags']?.latest !== version) problems.push(`dist-tag latest is ${doc['dist-tags']?.latest}, not ${version}`);
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dep, range] of Object.entries(manifest[field] ?? {})) {
      if (WORKSPACE_ONLY_RANGE.test(String(range))) {
        problems.push(`${field}.${dep} is "${range}", a workspace-only range that no user can install`);
        continue;
      }
      if (!dep.startsWith('@parley/')) continue;
      const optional = field === 'peerDependencies' && manifest.peerDependenciesMeta?.[dep]?.optional === true;
      const depDoc = await packument(registryUrl, dep);
      if (!depDoc) {
        if (!optional) problems.push(`${field}.${dep}@${range} is not published`);
      } else if (/^\d+\.\d+\.\d+(-[\w.-]+)?(\+[\w.-]+)?$/.test(String(range)) && !depDoc.versions?.[String(range)]) {
        problems.push(`${field}.${dep}@${range}: that version is not published`);
      }
    }
  }
  return { manifest, problems };
}
