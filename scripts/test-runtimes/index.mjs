#!/usr/bin/env node
// Runtime test: one scenario (scenario.js, public API only) run against @parley/mock
// over HTTP in every runtime Parley supports: the system Node (20), Node 22 and 24,
// Bun, Deno, workerd and a real headless Chromium (a page on one origin calling the
// mock on another). Each runtime reports one line per step; any failure fails the run.
//
// Usage: node scripts/test-runtimes/index.mjs [--write-readme] [--only <runtime>,...]
// A missing browser fails the Chromium row only under PARLEY_REQUIRE_BROWSER=1.
/* global console, process */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeError, killAllRunning, pool } from '../test-release/process.mjs';
import { repoRoot, writeUserProject } from './project.mjs';
import { runtimesTable, writeReadme } from './readme.mjs';
import { NoBrowser, RUNTIMES } from './runtimes.mjs';
import { STEPS } from './steps.js';

const { values: flags } = parseArgs({
  options: { 'write-readme': { type: 'boolean', default: false }, only: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
const requireBrowser = process.env.PARLEY_REQUIRE_BROWSER === '1';
const API_KEY = 'runtime-scenario-key';

const names = flags.only ? flags.only.split(',').map((name) => name.trim()) : Object.keys(RUNTIMES);
const unknown = names.filter((name) => !(name in RUNTIMES));
if (unknown.length > 0) {
  console.error(`unknown runtime(s): ${unknown.join(', ')}; known: ${Object.keys(RUNTIMES).join(', ')}`);
  process.exit(2);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'parley-runtimes-'));
process.on('exit', () => {
  killAllRunning('SIGKILL');
  if (!flags.keep) rmSync(tmp, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const { startMockServer } = await import(path.join(repoRoot, 'packages', 'mock', 'dist', 'index.js')).catch((error) => {
  console.error(`cannot load @parley/mock's build (run \`pnpm build\` first): ${error.message}`);
  process.exit(1);
});

/** Mocks started for the run, closed at the end. */
const mocks = [];
async function startMock(options) {
  const server = await startMockServer(options);
  mocks.push(server);
  return server;
}

writeUserProject(tmp);
const mock = await startMock({ apiKey: API_KEY });
// Children get a plain environment: nothing of pnpm's, no credential of the machine.
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|pnpm_|ANTHROPIC_|PARLEY_API_KEY)/i.test(name) && name !== 'NODE_OPTIONS')),
  NO_COLOR: '1',
};
const context = { dir: tmp, mockURL: mock.url, apiKey: API_KEY, env, startMock };

console.log(`runtime scenario: ${STEPS.length} steps against @parley/mock at ${mock.url}\n`);
let failed = 0;
// Blocks print as runtimes finish, but always in the order of the table.
const blocks = [];
let printed = 0;
function flush() {
  while (blocks[printed] !== undefined) console.log(blocks[printed++]);
}
const rows = await pool(names, 2, async (name, index) => {
  const started = Date.now();
  /** @type {{ name: string; version?: string; steps: { step: string; ok: boolean; detail: string }[]; problem?: string; skipped?: boolean }} */
  let row;
  try {
    row = { name, ...(await RUNTIMES[name](context)) };
    const missing = STEPS.filter((step) => !row.steps.some((s) => s.step === step));
    for (const step of missing) row.steps.push({ step, ok: false, detail: 'not reported' });
  } catch (error) {
    const skipped = error instanceof NoBrowser && !requireBrowser;
    row = { name, steps: [], problem: describeError(error), skipped };
  }
  const lines = [`${name}${row.version ? ` ${row.version}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`];
  for (const { step, ok, detail } of row.steps) {
    if (!ok) failed++;
    lines.push(`  ${ok ? 'ok  ' : 'FAIL'} ${name}: ${step}${detail ? ` — ${detail}` : ''}`);
  }
  if (row.problem !== undefined) {
    if (!row.skipped) failed++;
    const label = row.skipped ? 'SKIP' : 'FAIL';
    lines.push(`  ${label} ${name}: ${row.problem.split('\n').join('\n       ')}${row.skipped ? ' (set PARLEY_REQUIRE_BROWSER=1 to fail)' : ''}`);
  }
  blocks[index] = `${lines.join('\n')}\n`;
  flush();
  return row;
});

await Promise.all(mocks.map((server) => server.close()));

const passed = rows.filter((row) => row.problem === undefined && row.steps.every((step) => step.ok)).length;
const skipped = rows.filter((row) => row.skipped).length;
console.log(`${passed} of ${rows.length} runtimes passed every step${skipped > 0 ? `, ${skipped} skipped` : ''}${failed > 0 ? `; ${failed} failure(s)` : ''}`);

if (flags['write-readme']) {
  if (flags.only) console.log('README not rewritten: --only runs part of the table');
  else if (writeReadme(path.join(repoRoot, 'README.md'), runtimesTable(rows))) console.log('README.md: Runtimes table rewritten');
  else {
    console.error('README.md has no <!-- runtimes --> ... <!-- /runtimes --> markers');
    failed++;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
