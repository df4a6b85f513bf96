// The README's Runtimes table, between `<!-- runtimes -->` and `<!-- /runtimes -->`.
import { writeReadmeBlock } from '../readme-block.mjs';

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
 * Rewrites the README's Runtimes table.
 * @param {string} readmePath
 * @param {string} table
 * @returns {boolean} false when the README has no markers (nothing written)
 */
export function writeReadme(readmePath, table) {
  return writeReadmeBlock(readmePath, README_START, README_END, table);
}
