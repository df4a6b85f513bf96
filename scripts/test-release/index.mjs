#!/usr/bin/env node
// Release test: proves the release flow the way a user meets it.
//
//  1. A real npm registry (verdaccio) on 127.0.0.1: @parley/* local-only, the rest
//     proxied to the public npm registry.
//  2. A throwaway copy of the workspace: snapshot version with changesets, build,
//     file-list checks (npm pack), `changeset publish` to that registry.
//  3. Fresh consumer projects outside the workspace install single packages from that
//     registry with the machine's npm, run them as ESM and through require() on the
//     system Node, and type-check them against the published .d.ts files.
//  4. The install footprint of each package next to the official SDK's.
//
// Usage: node scripts/test-release/index.mjs [--write-readme] [--keep]
/* global console, process */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUDGETS, budgetProblems, footprintTable, README_END, README_START, writeReadme } from './footprint.mjs';
import { checkPublished, fileListProblems, packLists } from './package-checks.mjs';
import { describeError, killAllRunning, pool } from './process.mjs';
import { addUser, startRegistry } from './registry.mjs';
import { createReport, indented } from './report.mjs';
import { cleanEnv, findTools } from './tools.mjs';
import { proveAsUser } from './user-projects.mjs';
import { buildWorkspace, copyWorkspace, installWorkspace, publicPackages, publishWorkspace, versionSnapshot } from './workspace.mjs';

const { values: flags } = parseArgs({
  options: { 'write-readme': { type: 'boolean', default: false }, keep: { type: 'boolean', default: false } },
});

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const rootManifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const pnpmVersion = String(rootManifest.packageManager ?? 'pnpm@10').split('@')[1] ?? '10';
const officialSdk = `@anthropic-ai/sdk@${rootManifest.devDependencies?.['@anthropic-ai/sdk'] ?? '1.12.0'}`;

const report = createReport();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'parley-release-'));
/** @type {import('./registry.mjs').Registry | undefined} */
let registry;
/** @type {Promise<unknown> | undefined} */
let registryStart;
let cleanedUp = false;

async function cleanup() {
  if (cleanedUp) return;
  cleanedUp = true;
  killAllRunning('SIGTERM');
  // A registry still starting is ended above; let its step finish before the summary.
  await registryStart?.catch(() => undefined);
  await registry?.stop();
  if (flags.keep) console.log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
}

for (const [signal, code] of /** @type {const} */ ([['SIGINT', 130], ['SIGTERM', 143]])) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the registry and removing ${tmp}`);
    void cleanup().finally(() => process.exit(code));
  });
}
process.on('exit', () => {
  // Last resort if something threw past main(): never leave the registry or files behind.
  if (cleanedUp) return;
  killAllRunning('SIGKILL');
  registry?.kill();
  if (!flags.keep) rmSync(tmp, { recursive: true, force: true });
});

async function main() {
  const tools = await report.step('find tools', () => findTools({ tmp, pnpmVersion }), (t) =>
    `workspace node ${process.versions.node}, system node ${t.systemNodeVersion} (${t.systemNode}), npm ${t.npmVersion}, pnpm ${t.pnpmVersion}`);

  const starting = report.step('start registry (verdaccio)', async () => {
    registry = await startRegistry({
      dir: path.join(tmp, 'registry'),
      node: process.execPath,
      verdaccioBin: path.join(repoRoot, 'node_modules', 'verdaccio', 'bin', 'verdaccio'),
      env: cleanEnv(),
    });
    return registry;
  }, (r) => r.url);
  registryStart = starting;
  // Handled here so a failure while the copy installs is not an unhandled rejection.
  starting.catch(() => undefined);

  const ws = path.join(tmp, 'workspace');
  await report.step('copy workspace (git ls-files -co --exclude-standard)', () =>
    copyWorkspace({ repoRoot, dest: ws, env: tools.workspaceEnv }), (n) => `${n} files -> ${ws}`);
  await report.step('pnpm install in the copy', () => installWorkspace({ dir: ws, env: tools.workspaceEnv }), (mode) => mode);
  const version = await report.step('changeset version --snapshot', () =>
    versionSnapshot({ dir: ws, node: process.execPath, env: tools.workspaceEnv }), (v) => v);

  const packages = publicPackages(ws);
  const names = packages.map((pkg) => pkg.name);
  const build = await report.step('build (turbo + tsdown, attw, publint)', () =>
    buildWorkspace({ dir: ws, env: tools.workspaceEnv, names }), () => `${names.length} packages`);
  for (const name of names) {
    const attw = build.attwClean.includes(name);
    const publint = build.publintClean.includes(name);
    report.check(`${name}: attw and publint clean in its build`, attw && publint,
      attw && publint ? '' : `attw ${attw ? 'clean' : 'not reported clean'}, publint ${publint ? 'clean' : 'not reported clean'} (does its tsdown config run them?)`);
  }

  const packs = await report.step('npm pack --dry-run --json (file lists)', () =>
    packLists({ dirs: packages.map((pkg) => pkg.dir), cwd: ws, npm: tools.npm, env: tools.userEnv }));
  for (const pkg of packages) {
    const pack = packs.get(pkg.name);
    const problems = pack ? fileListProblems(pack.files, pkg.manifest) : ['npm pack did not list it'];
    report.check(`${pkg.name}: tarball holds dist/, its commands, README.md, LICENSE, package.json only`, problems.length === 0,
      pack && problems.length === 0 ? `${pack.files.length} files, ${pack.size.toLocaleString('en-US')} B unpacked` : problems.join('\n'));
  }

  const reg = await starting;
  const token = await report.step('registry user (adduser)', () => addUser(reg.url), () => 'token written to the copy\'s .npmrc');
  const publishOutput = await report.step('changeset publish', () =>
    publishWorkspace({ dir: ws, node: process.execPath, env: tools.workspaceEnv, registryUrl: reg.url, token }));
  const afterSuccess = publishOutput.slice(Math.max(0, publishOutput.indexOf('Successfully published')));
  const published = [...new Set(afterSuccess.match(/@parley\/[\w-]+@[\w.-]+/g) ?? [])];
  console.log(indented(published.length > 0 ? `published:\n${indented(published.join('\n'), '  ')}` : publishOutput));

  await report.step('published manifests', () =>
    pool(names, 3, async (name) => {
      const { problems } = await checkPublished({ registryUrl: reg.url, name, version });
      report.check(`${name}@${version} in the registry, tagged latest, installable dependencies`, problems.length === 0, problems.join('\n'));
    }));

  const rows = await proveAsUser({
    report,
    tools,
    registryUrl: reg.url,
    version,
    names,
    officialSdk,
    root: path.join(tmp, 'consumers'),
    workspace: ws,
  });
  for (const name of Object.keys(BUDGETS).filter((budgeted) => names.includes(budgeted))) {
    const row = rows.find((candidate) => candidate.name === name);
    const problems = row === undefined ? ['not measured: it did not install'] : budgetProblems(row);
    report.check(`${name}: install footprint within its budget`, problems.length === 0, problems.join('\n'));
  }
  const table = footprintTable(rows);
  console.log(`\nFootprint:\n\n${table}\n`);
  if (flags['write-readme']) {
    if (rows.length !== names.length + 1) {
      console.log('README.md left as it is: the table misses packages that did not install.');
    } else {
      const written = writeReadme(path.join(repoRoot, 'README.md'), table);
      console.log(written ? 'README.md footprint block updated.' : `README.md has no ${README_START} ... ${README_END} markers: table printed only.`);
    }
  }
}

let fatal;
try {
  await main();
} catch (error) {
  fatal = describeError(error);
} finally {
  await cleanup();
}
process.exitCode = report.summary({ fatal });
