// Child processes for the release test: every command runs in its own process group
// so that a timeout, a failure or Ctrl-C can end it together with whatever it spawned
// (pnpm -> turbo -> tsdown), and nothing is left running after the test.
/* global process, performance, setTimeout, clearTimeout */
import { spawn } from 'node:child_process';

/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();

/** @type {Set<string>} */
const secrets = new Set();

/**
 * Registers a value that must never be printed (the registry token).
 * @param {string} secret
 */
export function addSecret(secret) {
  if (secret) secrets.add(secret);
}

/**
 * Replaces every registered secret in `text`.
 * @param {string} text
 * @returns {string}
 */
export function redact(text) {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('<redacted>');
  return out;
}

/**
 * The last `lines` lines of a command's output, for error messages.
 * @param {string} text
 * @param {number} [lines]
 */
export function tail(text, lines = 40) {
  const all = text.trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

/** A command that exited non-zero, timed out or could not start; carries its output. */
export class CommandError extends Error {
  /**
   * @param {string} message
   * @param {{ stdout: string; stderr: string; code: number | null }} result
   */
  constructor(message, result) {
    super(message);
    this.name = 'CommandError';
    this.stdout = result.stdout;
    this.stderr = result.stderr;
    this.code = result.code;
  }
}

/**
 * A failure as text for the report: a command's message with the end of its output.
 * @param {unknown} error
 */
export function describeError(error) {
  if (error instanceof CommandError) return `${error.message}\n${tail(`${error.stdout}\n${error.stderr}`, 40)}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends `signal` to the child's whole process group.
 * @param {import('node:child_process').ChildProcess} child
 * @param {NodeJS.Signals} [signal]
 */
export function killGroup(child, signal = 'SIGTERM') {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/**
 * Ends every command still running (used on failure and on Ctrl-C).
 * @param {NodeJS.Signals} [signal]
 */
export function killAllRunning(signal = 'SIGTERM') {
  for (const child of running) killGroup(child, signal);
}

/**
 * Starts a long-lived process (the registry) in its own process group. The caller
 * stops it; it is also ended by {@link killAllRunning}.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 */
export function startDaemon(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  running.add(child);
  child.on('exit', () => running.delete(child));
  return child;
}

/**
 * @typedef {object} RunOptions
 * @property {string} [cwd] working directory
 * @property {NodeJS.ProcessEnv} [env] full environment of the child
 * @property {number} [timeoutMs] end the command after this long (default 5 minutes)
 * @property {boolean} [allowFailure] resolve instead of rejecting on a non-zero exit
 */

/**
 * Runs a command to completion and captures its output (secrets redacted).
 * @param {string} command
 * @param {string[]} args
 * @param {RunOptions} [options]
 * @returns {Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>}
 */
export function run(command, args, options = {}) {
  const { cwd, env, timeoutMs = 300_000, allowFailure = false } = options;
  const started = performance.now();
  const shown = redact([command, ...args].join(' '));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGTERM');
      setTimeout(() => killGroup(child, 'SIGKILL'), 3000).unref();
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      running.delete(child);
      reject(new CommandError(`could not start \`${shown}\`: ${error.message}`, { stdout, stderr, code: null }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      const result = { code, stdout: redact(stdout), stderr: redact(stderr), ms: performance.now() - started };
      if (code === 0 || (allowFailure && !timedOut)) {
        resolve(result);
        return;
      }
      const why = timedOut
        ? `timed out after ${Math.round(timeoutMs / 1000)} s (did it leave a server or a timer running?)`
        : `exited with ${code ?? signal}`;
      reject(new CommandError(`\`${shown}\` ${why}`, result));
    });
  });
}

/**
 * Runs `fn` over `items` with at most `limit` at a time; keeps the input order.
 * @template T, R
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T, index: number) => Promise<R>} fn
 * @returns {Promise<R[]>}
 */
export async function pool(items, limit, fn) {
  /** @type {R[]} */
  const results = new Array(items.length);
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * A gate letting at most `limit` tasks run at once (CPU-heavy ones such as tsc).
 * @param {number} limit
 * @returns {<R>(task: () => Promise<R>) => Promise<R>}
 */
export function limiter(limit) {
  let active = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  return async (task) => {
    if (active >= limit) await new Promise((resolve) => waiting.push(() => resolve(undefined)));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
