// How the scenario runs in each runtime. Every runner resolves to a row: the runtime,
// its version, and one { step, ok, detail } per step; it throws only when the runtime
// could not run the scenario at all (the row then fails with that reason).
/* global fetch */
import { accessSync, constants, createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import http from 'node:http';
import path from 'node:path';
import { run, startDaemon, killGroup } from '../test-release/process.mjs';
import { bundle, repoRoot } from './project.mjs';

/**
 * @typedef {{ step: string; ok: boolean; detail: string }} Step
 * @typedef {{ version: string; where?: string; steps: Step[] }} Row
 * @typedef {{ dir: string; mockURL: string; apiKey: string; env: NodeJS.ProcessEnv }} Context
 */

const RUN_TIMEOUT_MS = 180_000;

/** @param {string} file */
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The machine's own node: the first on PATH outside node_modules (pnpm puts Node 24 first). */
export function systemNode() {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir && !dir.split(path.sep).includes('node_modules'));
  for (const dir of [...dirs, '/usr/bin', '/usr/local/bin']) {
    const file = path.join(dir, 'node');
    if (executable(file)) return file;
  }
  return undefined;
}

/** A binary a pinned devDependency installed, or an error naming the package. */
function installed(relative, pkg) {
  const file = path.join(repoRoot, 'node_modules', relative);
  if (!executable(file)) throw new Error(`${relative} is missing: install the workspace (${pkg} is a pinned devDependency)`);
  return file;
}

/** The report a runtime printed: its last line of JSON. */
function parseReport(stdout, stderr) {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`no report printed\n${`${stdout}\n${stderr}`.trim().split('\n').slice(-15).join('\n')}`);
  }
}

/**
 * Runs `entries/cli.js` with a runtime's binary.
 * @param {Context} context
 * @param {{ command: string; args: string[]; env?: NodeJS.ProcessEnv }} how
 * @returns {Promise<Row>}
 */
async function runProgram(context, how) {
  const { stdout, stderr } = await run(how.command, [...how.args, 'entries/cli.js', context.mockURL, context.apiKey], {
    cwd: context.dir,
    env: { ...context.env, ...how.env },
    timeoutMs: RUN_TIMEOUT_MS,
    allowFailure: true,
  });
  const report = parseReport(stdout, stderr);
  return { version: report.version, where: how.command, steps: report.steps };
}

/** @type {Record<string, (context: Context) => Promise<Row>>} */
export const RUNTIMES = {
  'Node 20 (system)': (context) => {
    const node = systemNode();
    if (!node) throw new Error('no node found on PATH outside node_modules');
    return runProgram(context, { command: node, args: [] });
  },
  'Node 22': (context) => runProgram(context, { command: installed('node22/bin/node', 'node22 (npm:node@22)'), args: [] }),
  'Node 24': (context) => runProgram(context, { command: installed('node/bin/node', 'node'), args: [] }),
  Bun: (context) => runProgram(context, { command: installed('bun/bin/bun.exe', 'bun'), args: ['run'] }),
  Deno: (context) =>
    runProgram(context, {
      command: installed('deno/deno', 'deno'),
      // Network to the mock only: no env, no file system, no prompt.
      args: ['run', '--no-prompt', '--no-lock', '--allow-net=127.0.0.1'],
      env: { DENO_DIR: path.join(context.dir, '.deno'), DENO_NO_UPDATE_CHECK: '1' },
    }),
  workerd: runWorkerd,
  Chromium: runChromium,
};

/** A free TCP port on 127.0.0.1 (workerd listens where its config says). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers, or throws after `ms`. */
async function waitUntilUp(url, ms, isAlive) {
  const until = Date.now() + ms;
  for (;;) {
    if (!isAlive()) throw new Error('exited before it was listening');
    try {
      await fetch(url);
      return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`not listening after ${ms} ms: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * The scenario bundled for workerd's conditions, run as a Worker that the test calls
 * over HTTP; the Worker calls the mock on 127.0.0.1.
 * @param {Context} context
 * @returns {Promise<Row>}
 */
async function runWorkerd(context) {
  const workerd = installed('workerd/bin/workerd', 'workerd');
  const version = (await run(workerd, ['--version'], { env: context.env, timeoutMs: 30_000 })).stdout.trim().replace(/^workerd\s+/, '');
  const dir = path.join(context.dir, 'workerd');
  mkdirSync(dir, { recursive: true });
  await bundle({ dir: context.dir, entry: 'worker.js', outdir: dir, target: 'workerd' });
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'config.capnp'),
    `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "scenario", worker = .scenario),
    # The default outbound network blocks private and loopback addresses; the mock is on 127.0.0.1.
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "scenario")],
);

const scenario :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
`,
  );
  let output = '';
  const child = startDaemon(workerd, ['serve', path.join(dir, 'config.capnp')], { cwd: dir, env: context.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  try {
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitUntilUp(`${base}/ready`, 15_000, () => child.exitCode === null);
    } catch (error) {
      throw new Error(`workerd ${error.message}\n${output.trim().split('\n').slice(-15).join('\n')}`, { cause: error });
    }
    const query = new URLSearchParams({ mock: context.mockURL, key: context.apiKey });
    const response = await fetch(`${base}/run?${query}`, { signal: AbortSignal.timeout(RUN_TIMEOUT_MS) });
    const text = await response.text();
    if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${text.slice(0, 500)}\n${output.trim().split('\n').slice(-15).join('\n')}`);
    return { version, steps: JSON.parse(text).steps };
  } finally {
    killGroup(child, 'SIGTERM');
  }
}

/** Where a Chromium may be: PARLEY_CHROMIUM, then the usual paths. */
export function findChromium() {
  const candidates = [
    process.env.PARLEY_CHROMIUM,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/snap/bin/chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ];
  return candidates.find((file) => file && existsSync(file) && executable(file));
}

/** A browser could not be had: the row says so, and fails only when a browser is required. */
export class NoBrowser extends Error {}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** A static file server for the page, on an origin of its own. */
async function serveStatic(root) {
  const server = http.createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://page').pathname.replace(/^\/$/, '/index.html');
    const file = path.join(root, path.normalize(name));
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    // localhost, not 127.0.0.1: a different host as well as a different port from the mock.
    origin: `http://localhost:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/**
 * The scenario bundled for the browser, in a page served from one origin calling the
 * mock on another; then two CORS checks with the page's own fetch.
 * @param {Context & { startMock: (options: object) => Promise<{ url: string; close(): Promise<void> }> }} context
 * @returns {Promise<Row>}
 */
async function runChromium(context) {
  const executablePath = findChromium();
  if (!executablePath) throw new NoBrowser('no Chromium found (set PARLEY_CHROMIUM, or install Debian\'s chromium package)');
  const dir = path.join(context.dir, 'page');
  mkdirSync(dir, { recursive: true });
  await bundle({ dir: context.dir, entry: 'page.js', outdir: dir, target: 'browser' });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html>\n<title>Parley runtime scenario</title>\n<script type="module" src="/page.js"></script>\n');
  const { chromium } = await import('playwright-core');
  const site = await serveStatic(dir);
  const restricted = await context.startMock({ apiKey: context.apiKey, cors: ['http://a'] });
  // Running as root (CI containers), Chromium starts only without its sandbox.
  const args = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const browser = await chromium.launch({ executablePath, headless: true, args });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.origin}/#${new URLSearchParams({ mock: context.mockURL, key: context.apiKey })}`);
    const report = await page.evaluate(() => window.parleyReport).catch((error) => {
      throw new Error(`the page did not report: ${error.message}${errors.length > 0 ? `\n${errors.join('\n')}` : ''}`, { cause: error });
    });
    if (!report) throw new Error(`the page did not run the scenario${errors.length > 0 ? `: ${errors.join('\n')}` : ''}`);
    const cors = await page.evaluate(corsChecks, { open: context.mockURL, restricted: restricted.url, apiKey: context.apiKey });
    // The refused origin was refused by the browser, not by a dead server.
    const fromNode = await fetch(`${restricted.url}/v1/models`, { headers: { 'x-api-key': context.apiKey, origin: 'http://a' } });
    if (fromNode.headers.get('access-control-allow-origin') !== 'http://a') {
      cors.push({ step: 'cors: the restricted mock serves its listed origin', ok: false, detail: `answered ${fromNode.status} without allowing http://a` });
    }
    return { version: browser.version(), where: executablePath, steps: [...report.steps, ...cors] };
  } finally {
    await browser.close();
    await site.close();
    // The restricted mock is closed with the others at the end of the run.
  }
}

/** Runs in the page: the page's own fetch to the mock, allowed and refused. */
async function corsChecks({ open, restricted, apiKey }) {
  const headers = { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01' };
  const steps = [];
  try {
    const response = await fetch(`${open}/v1/models?limit=1`, { headers });
    const requestId = response.headers.get('request-id');
    const body = await response.json();
    const ok = response.status === 200 && /^req_/.test(requestId ?? '') && Array.isArray(body.data);
    steps.push({ step: 'cors: a cross-origin fetch reads the answer and request-id', ok, detail: `${response.status}, request-id ${requestId}` });
  } catch (error) {
    steps.push({ step: 'cors: a cross-origin fetch reads the answer and request-id', ok: false, detail: `${error.name}: ${error.message}` });
  }
  try {
    const response = await fetch(`${restricted}/v1/models?limit=1`, { headers });
    steps.push({ step: "cors: a page on an origin not in the mock's list is refused", ok: false, detail: `the page read a ${response.status}` });
  } catch (error) {
    const ok = error instanceof TypeError;
    steps.push({ step: "cors: a page on an origin not in the mock's list is refused", ok, detail: `${error.name}: ${error.message}` });
  }
  return steps;
}
