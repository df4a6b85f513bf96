// Starts one llama-server per model before the suite and stops them after it, pass or
// fail. The servers come from the shared real-server tool: PARLEY_REAL_SERVER_DIR, or
// `../shared/real-server` beside the repository. Without the tool the suite is skipped
// with one line, unless PARLEY_REQUIRE_REAL_SERVER=1 makes that a failure (CI).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { MODELS, type ModelName, type RealServers } from './provided.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SCRIPTS = ['setup.sh', 'start.sh', 'stop.sh'];
// The first setup downloads llama.cpp (about 36 MB); later ones return at once.
const SETUP_TIMEOUT_MS = 10 * 60_000;
const START_TIMEOUT_MS = 60_000;

/** Where the tool is: PARLEY_REAL_SERVER_DIR (relative to the current directory), else beside the repository. */
function toolDir(): string {
  const fromEnv = process.env.PARLEY_REAL_SERVER_DIR;
  return fromEnv !== undefined && fromEnv !== '' ? resolve(fromEnv) : resolve(REPO_ROOT, '../shared/real-server');
}

/** How to run one of the tool's scripts. */
interface RunOptions {
  /** The tool's folder. */
  dir: string;
  /** `setup.sh`, `start.sh` or `stop.sh`. */
  script: string;
  args?: readonly string[];
  /** Milliseconds before the script is killed. */
  timeout: number;
  /** A value (the API key) never to show in an error. */
  secret?: string;
}

/** Runs one of the tool's scripts; resolves to its stdout, or rejects with its stderr. */
function run({ dir, script, args = [], timeout, secret }: RunOptions): Promise<string> {
  const mask = (text: string) => (secret === undefined ? text : text.replaceAll(secret, '***'));
  return new Promise((done, fail) => {
    execFile(join(dir, script), args, { encoding: 'utf8', timeout }, (error, stdout, stderr) => {
      if (error === null) done(stdout.trim());
      // Not the child-process error itself: its message repeats the command line, key included.
      else fail(new Error(mask(`${script} ${args.join(' ')} failed (${String(error.code ?? error.signal)}): ${stderr.trim()}`)));
    });
  });
}

async function stop(dir: string, pids: readonly string[]): Promise<void> {
  if (pids.length > 0) await run({ dir, script: 'stop.sh', args: pids, timeout: START_TIMEOUT_MS });
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const dir = toolDir();
  if (!SCRIPTS.every((script) => existsSync(join(dir, script)))) {
    const missing = `real-server tool not found at ${dir} (set PARLEY_REAL_SERVER_DIR; see packages/sdk/test/integration/README.md)`;
    if (process.env.PARLEY_REQUIRE_REAL_SERVER === '1') throw new Error(`${missing}, and PARLEY_REQUIRE_REAL_SERVER=1 requires it`);
    console.warn(`${missing}: integration suite skipped`);
    project.provide('realServers', null);
    return undefined;
  }

  await run({ dir, script: 'setup.sh', timeout: SETUP_TIMEOUT_MS });
  // A fresh key per run: nothing else on the machine can use these servers by accident.
  const apiKey = `sk-parley-it-${randomBytes(12).toString('hex')}`;
  const started = await Promise.allSettled(
    MODELS.map(async (model) => {
      const [pid = '', url = ''] = (
        await run({ dir, script: 'start.sh', args: ['--model', model, '--api-key', apiKey], timeout: START_TIMEOUT_MS, secret: apiKey })
      ).split(' ');
      return { model, pid, url };
    }),
  );
  const running = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const pids = running.map(({ pid }) => pid).filter((pid) => /^\d+$/.test(pid));
  const failed = started.find((outcome) => outcome.status === 'rejected');
  if (failed !== undefined || running.some(({ url }) => !url.startsWith('http://'))) {
    await stop(dir, pids);
    throw failed?.reason ?? new Error(`start.sh printed no URL: ${JSON.stringify(running)}`);
  }

  const urls = Object.fromEntries(running.map(({ model, url }) => [model, url])) as Record<ModelName, string>;
  const servers: RealServers = { apiKey, urls };
  project.provide('realServers', servers);
  return () => stop(dir, pids);
}
