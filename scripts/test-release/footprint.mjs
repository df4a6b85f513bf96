// Install footprint: what `npm install <package>` puts on disk in an empty project
// (the package plus its production dependencies), for each of our packages and for
// the official SDK, measured the same way from the same registry.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeReadmeBlock } from '../readme-block.mjs';

export const README_START = '<!-- footprint -->';
export const README_END = '<!-- /footprint -->';

/**
 * Install budgets, enforced by the release test: `all` caps the package installed alone in
 * an empty project, with everything it brings; `onlyParley` allows no package outside
 * `@parley/*` in that install.
 * @type {Record<string, { all: number; onlyParley?: boolean }>}
 */
export const BUDGETS = {
  '@parley/sdk': { all: 1_000_000, onlyParley: true },
  '@parley/streaming': { all: 400_000, onlyParley: true },
};

/**
 * Bytes of every regular file under `dir` (symlinks such as .bin entries not followed;
 * npm's own bookkeeping file left out).
 * @param {string} dir
 * @returns {{ bytes: number; files: number }}
 */
export function diskUsage(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (file === path.join(dir, '.package-lock.json')) continue;
    bytes += lstatSync(file).size;
    files++;
  }
  return { bytes, files };
}

/**
 * @typedef {object} Footprint
 * @property {string} label what the row names
 * @property {string[]} dependencies runtime dependencies as declared
 * @property {number} packages packages npm installed, the package itself included
 * @property {number} bytes everything installed
 * @property {string[]} installed the names of the packages npm installed
 * @property {string} name the package's name
 */

/**
 * Measures a project in which only `name` was installed.
 * @param {{ dir: string; name: string; label: string }} options
 * @returns {Footprint}
 */
export function measure({ dir, name, label }) {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'node_modules', ...name.split('/'), 'package.json'), 'utf8'));
  const peers = Object.keys(manifest.peerDependencies ?? {}).map((peer) =>
    manifest.peerDependenciesMeta?.[peer]?.optional === true ? `${peer} (optional peer, not installed)` : `${peer} (peer)`);
  const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8'));
  const entries = Object.entries(lock.packages ?? {}).filter(([key, entry]) => key !== '' && !entry.link);
  const modules = path.join(dir, 'node_modules');
  return {
    label,
    name,
    dependencies: [...Object.keys(manifest.dependencies ?? {}), ...peers],
    packages: entries.length,
    installed: entries.map(([key]) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length)),
    bytes: existsSync(modules) ? diskUsage(modules).bytes : 0,
  };
}

/** @param {number} bytes */
function humanSize(bytes) {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(2)} MB`;
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/**
 * What is over budget in a row, one line each; empty when the row keeps to its budget
 * (or has none).
 * @param {Footprint} row
 * @returns {string[]}
 */
export function budgetProblems(row) {
  const budget = BUDGETS[row.name];
  if (budget === undefined) return [];
  const problems = [];
  if (row.bytes > budget.all) problems.push(`installs ${row.bytes.toLocaleString('en-US')} B in all, over its budget of ${budget.all.toLocaleString('en-US')} B`);
  const foreign = row.installed.filter((name) => !name.startsWith('@parley/'));
  if (budget.onlyParley && foreign.length > 0) problems.push(`installs packages outside @parley/*: ${foreign.join(', ')}`);
  return problems;
}

/** @param {Footprint} row */
function budgetCell(row) {
  const budget = BUDGETS[row.name];
  if (budget === undefined) return '—';
  const parts = [`≤ ${humanSize(budget.all)} in all`];
  if (budget.onlyParley) parts.push('only `@parley/*`');
  return parts.join(', ');
}

/**
 * The footprint table as Markdown; the last row is the reference the others are compared to.
 * @param {Footprint[]} rows
 * @returns {string}
 */
export function footprintTable(rows) {
  const reference = rows.at(-1);
  const lines = [
    'Installed size: bytes on disk after `npm install <package>` in an empty project (the package and its',
    'production dependencies), measured by `pnpm test:release` from one registry for all rows. The same',
    'run fails when a package is over its budget.',
    '',
    '| package | runtime dependencies | packages installed | installed size | vs. official SDK | budget (enforced) |',
    '|---|---|--:|--:|--:|---|',
  ];
  for (const row of rows) {
    const deps = row.dependencies.length > 0 ? row.dependencies.map((dep) => dep.replace(/^(\S+)/, '`$1`')).join(', ') : '—';
    const share = reference && reference.bytes > 0 ? `${((row.bytes / reference.bytes) * 100).toFixed(0)}%` : '';
    lines.push(`| ${row.label} | ${deps} | ${row.packages} | ${row.bytes.toLocaleString('en-US')} B (${humanSize(row.bytes)}) | ${share} | ${row === reference ? '' : budgetCell(row)} |`);
  }
  return lines.join('\n');
}

/**
 * Rewrites the README's footprint block.
 * @param {string} readmePath
 * @param {string} table
 * @returns {boolean} false when the README has no markers (nothing written)
 */
export function writeReadme(readmePath, table) {
  return writeReadmeBlock(readmePath, README_START, README_END, table);
}
