// A real npm registry on 127.0.0.1 for the release test: verdaccio with its storage,
// config and users in a temporary folder. `@parley/*` lives only here (publishable,
// never proxied, so nothing can come from the public registry under our name);
// everything else is proxied to the public npm registry.
/* global fetch, AbortSignal */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { addSecret, killGroup, startDaemon, tail } from './process.mjs';

const UPSTREAM = 'https://registry.npmjs.org/';
const READY_TIMEOUT_MS = 30_000;

/** @returns {Promise<number>} a port that was free a moment ago on 127.0.0.1 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** @param {string} dir */
function configYaml(dir) {
  return `# Throwaway registry for the release test.
storage: ${JSON.stringify(path.join(dir, 'storage'))}
auth:
  htpasswd:
    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}
    max_users: 10
uplinks:
  npmjs:
    url: ${UPSTREAM}
    timeout: 60s
    max_fails: 10
    fail_timeout: 10s
packages:
  '@parley/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
    publish: $authenticated
    proxy: npmjs
web:
  enable: false
max_body_size: 100mb
log: { type: stdout, format: pretty, level: warn }
`;
}

/**
 * @typedef {object} Registry
 * @property {string} url base URL with a trailing slash, e.g. http://127.0.0.1:4873/
 * @property {number} port
 * @property {string} logPath
 * @property {() => Promise<void>} stop
 * @property {() => void} kill synchronous last resort (process exit)
 */

/**
 * Starts verdaccio on a free port and waits until it answers.
 * @param {{ dir: string; node: string; verdaccioBin: string; env: NodeJS.ProcessEnv }} options
 * @returns {Promise<Registry>}
 */
export async function startRegistry({ dir, node, verdaccioBin, env }) {
  mkdirSync(dir, { recursive: true });
  const configPath = path.join(dir, 'config.yaml');
  writeFileSync(configPath, configYaml(dir));
  let lastLog = '';
  // Another process may take the port between the probe and verdaccio's listen.
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    const logPath = path.join(dir, `verdaccio-${attempt}.log`);
    const logFd = openSync(logPath, 'w');
    const child = startDaemon(node, [verdaccioBin, '--config', configPath, '--listen', `127.0.0.1:${port}`], {
      cwd: dir,
      env,
      stdio: ['ignore', logFd, logFd],
    });
    closeSync(logFd);
    let exited = false;
    const exitedPromise = new Promise((resolve) => child.once('exit', () => resolve((exited = true))));
    const url = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (!exited && Date.now() < deadline) {
      try {
        const response = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(2000) });
        if (response.ok) {
          return {
            url,
            port,
            logPath,
            stop: async () => {
              killGroup(child, 'SIGTERM');
              const stopped = await Promise.race([exitedPromise, sleep(5000, false)]);
              if (!stopped) killGroup(child, 'SIGKILL');
            },
            kill: () => killGroup(child, 'SIGKILL'),
          };
        }
      } catch {
        // Not listening yet.
      }
      await sleep(100);
    }
    killGroup(child, 'SIGKILL');
    lastLog = readFileSync(logPath, 'utf8');
    if (!/EADDRINUSE/.test(lastLog)) break;
  }
  throw new Error(`verdaccio did not start within ${READY_TIMEOUT_MS / 1000} s:\n${tail(lastLog, 20)}`);
}

/**
 * Creates a registry user through verdaccio's adduser endpoint and returns its
 * token. The token is registered as a secret so it is never printed.
 * @param {string} url registry base URL
 * @returns {Promise<string>}
 */
export async function addUser(url) {
  const name = `release-test-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(24).toString('base64url');
  addSecret(password);
  const response = await fetch(`${url}-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ _id: `org.couchdb.user:${name}`, name, password, type: 'user', roles: [], date: new Date().toISOString() }),
  });
  const body = /** @type {{ token?: unknown; error?: unknown }} */ (await response.json().catch(() => ({})));
  if (!response.ok || typeof body.token !== 'string') {
    throw new Error(`adduser on the local registry failed: HTTP ${response.status} ${JSON.stringify(body.error ?? '')}`);
  }
  addSecret(body.token);
  return body.token;
}

/**
 * Reads a package document (all versions) from the registry; undefined on 404.
 * @param {string} url registry base URL
 * @param {string} name package name
 * @returns {Promise<Record<string, any> | undefined>}
 */
export async function packument(url, name) {
  const response = await fetch(`${url}${name.replace('/', '%2f')}`, { headers: { accept: 'application/json' } });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${name} from the local registry: HTTP ${response.status}`);
  return /** @type {Record<string, any>} */ (await response.json());
}
