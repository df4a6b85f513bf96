// The README's Runtimes table, between `<!-- runtimes -->` and `<!-- /runtimes -->`.
import { readFileSync, writeFileSync } from 'node:fs';

export const README_START = '<!-- runtimes -->';
export const README_END = '<!-- /runtimes -->';

/** How each runtime loads the scenario, for the table. */
const HOW = {
  'Node 20 (system)': 'the machine\'s `node`, the built packages through their exports',
  'Node 22': 'as Node 20 (`node@22` from npm, pinned)',
  'Node 24': 'as Node 20 (the workspace\'s Node)',
  Bun: '`bun run`, the built packages through their exports',
  Deno: '`deno run --allow-net=127.0.0.1` (no env or file access), npm packages from `node_modules`',
  workerd: 'bundled by esbuild for the `workerd`/`worker` conditions, run as a Worker (no `nodejs_compat`)',
  Chromium: 'bundled by esbuild for the browser, a page on another origin than the mock (CORS), driven by playwright-core',
};

/**
 * @param {{ name: string; version?: string; steps: { ok: boolean }[]; problem?: string; skipped?: boolean }[]} rows
 */
export function runtimesTable(rows) {
  const lines = [
    '| runtime | version | how it runs | steps passed |',
    '|---|---|---|--:|',
  ];
  for (const row of rows) {
    const passed = row.steps.filter((step) => step.ok).length;
    const steps = row.problem !== undefined ? (row.skipped ? 'not run (no browser)' : 'did not run') : `${passed} / ${row.steps.length}`;
    lines.push(`| ${row.name} | ${row.version ?? '—'} | ${HOW[row.name] ?? ''} | ${steps} |`);
  }
  return lines.join('\n');
}

/**
 * Replaces the text between the markers; false when they are missing.
 * @param {string} readmePath
 * @param {string} table
 */
export function writeReadme(readmePath, table) {
  const text = readFileSync(readmePath, 'utf8');
  const start = text.indexOf(README_START);
  const end = text.indexOf(README_END);
  if (start === -1 || end === -1 || end < start) return false;
  const updated = `${text.slice(0, start + README_START.length)}\n${table}\n${text.slice(end)}`;
  if (updated !== text) writeFileSync(readmePath, updated);
  return true;
}
