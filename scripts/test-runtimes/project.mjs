// What each runtime loads: a throwaway user project that depends on the workspace's
// built @parley/sdk (through its package exports, as after `npm install`), holding the
// scenario, and the bundles esbuild makes of it for workerd and for the browser.
import { cpSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const here = import.meta.dirname;
export const repoRoot = path.resolve(here, '..', '..');

/**
 * Writes the user project into `dir`: package.json, node_modules/@parley/sdk (a link to
 * the workspace package, whose own dependencies resolve from where it lives), and the
 * scenario with its entries.
 * @param {string} dir
 */
export function writeUserProject(dir) {
  const sdk = path.join(repoRoot, 'packages', 'sdk');
  if (!existsSync(path.join(sdk, 'dist', 'index.js'))) {
    throw new Error('packages/sdk/dist is missing: run `pnpm build` first');
  }
  mkdirSync(path.join(dir, 'node_modules', '@parley'), { recursive: true });
  symlinkSync(sdk, path.join(dir, 'node_modules', '@parley', 'sdk'), 'dir');
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'runtime-scenario', private: true, type: 'module', dependencies: { '@parley/sdk': '*' } }, null, 2)}\n`,
  );
  for (const file of ['scenario.js', 'steps.js']) cpSync(path.join(here, file), path.join(dir, file));
  cpSync(path.join(here, 'entries'), path.join(dir, 'entries'), { recursive: true });
}

/**
 * Bundles an entry of the project with esbuild, as a user's build would for that target.
 * @param {{ dir: string; entry: string; outdir: string; target: 'workerd' | 'browser' }} options
 */
export async function bundle({ dir, entry, outdir, target }) {
  const esbuild = await import('esbuild');
  const workerd = target === 'workerd';
  await esbuild.build({
    absWorkingDir: dir,
    entryPoints: [path.join(dir, 'entries', entry)],
    outdir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Cloudflare's bundler resolves the `workerd` and `worker` conditions first.
    conditions: workerd ? ['workerd', 'worker', 'browser'] : ['browser'],
    // workerd gets one module; the page gets the chunks a web bundler makes, lazy ones included.
    splitting: !workerd,
    target: workerd ? 'es2022' : 'chrome120',
    logLevel: 'silent',
  });
}
