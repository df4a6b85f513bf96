// Console output of the release test: timed steps, named checks, and a summary that
// ends with the plain "N passed, N failed" line CI reads.
/* global performance, console */
import { readFileSync } from 'node:fs';

const started = performance.now();

/** @param {number} ms */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * CPU seconds used so far by this process and its finished children (Linux
 * /proc/self/stat), so timings can be told apart from a machine busy with other work.
 * @returns {number | undefined}
 */
function cpuSeconds() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    // utime, stime, cutime, cstime are fields 14-17, in clock ticks (100 per second on Linux).
    return fields.slice(11, 15).reduce((sum, ticks) => sum + (ticks || 0), 0) / 100;
  } catch {
    return undefined;
  }
}

const startCpu = cpuSeconds() ?? 0;

/** Seconds since the test started, as a log prefix. */
function stamp() {
  return `[${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s]`;
}

/**
 * @param {string} text
 * @param {string} [indent]
 */
export function indented(text, indent = '    ') {
  return text
    .split('\n')
    .map((line) => `${indent}${line}`)
    .join('\n');
}

export function createReport() {
  /** @typedef {{ name: string; ms: number; cpu: number | undefined; ok: boolean; overlapped: boolean }} StepRecord */
  /** @type {StepRecord[]} */
  const steps = [];
  /** @type {Set<StepRecord>} steps running now */
  const active = new Set();
  /** @type {{ name: string; ok: boolean; detail: string }[]} */
  const checks = [];

  return {
    /** @param {string} line */
    info(line) {
      console.log(`${stamp()} ${line}`);
    },

    /**
     * Runs one timed step; its error propagates after being reported.
     * @template T
     * @param {string} name
     * @param {() => Promise<T>} fn
     * @param {(result: T) => string} [describe] one-line result shown next to the time
     * @returns {Promise<T>}
     */
    async step(name, fn, describe) {
      console.log(`${stamp()} ▶ ${name}`);
      const t = performance.now();
      const cpuBefore = cpuSeconds();
      /** @type {StepRecord} */
      const record = { name, ms: 0, cpu: undefined, ok: false, overlapped: active.size > 0 };
      for (const other of active) other.overlapped = true;
      active.add(record);
      steps.push(record);
      const finish = (/** @type {boolean} */ ok) => {
        active.delete(record);
        const cpuAfter = cpuSeconds();
        record.ms = performance.now() - t;
        record.cpu = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
        record.ok = ok;
        return record.ms;
      };
      try {
        const result = await fn();
        const ms = finish(true);
        const detail = describe ? ` — ${describe(result)}` : '';
        console.log(`${stamp()} ✔ ${name} (${seconds(ms)})${detail}`);
        return result;
      } catch (error) {
        const ms = finish(false);
        console.log(`${stamp()} ✘ ${name} failed after ${seconds(ms)}`);
        throw error;
      }
    },

    /**
     * Records a check's verdict and prints it.
     * @param {string} name
     * @param {boolean} ok
     * @param {string} [detail] shown under a failure (and after a pass, on the same line)
     */
    check(name, ok, detail = '') {
      checks.push({ name, ok, detail });
      if (ok) console.log(`    ✔ ${name}${detail ? ` — ${detail}` : ''}`);
      else console.log(`    ✘ ${name}\n${indented(detail || '(no detail)', '      ')}`);
    },

    failedChecks() {
      return checks.filter((check) => !check.ok);
    },

    /**
     * Prints step timings and the closing count line.
     * @param {{ fatal?: string }} [options]
     * @returns {number} exit code
     */
    summary(options = {}) {
      const failed = checks.filter((check) => !check.ok);
      /** @param {string} mark @param {string} name @param {number} ms @param {string} cpu */
      const row = (mark, name, ms, cpu) => `  ${mark} ${name.padEnd(78)} ${seconds(ms).padStart(8)} ${cpu.padStart(9)}`;
      /** @param {number | undefined} cpu @param {boolean} overlapped */
      const cpuText = (cpu, overlapped) => (cpu === undefined ? '' : `${seconds(cpu * 1000)}${overlapped ? '*' : ' '}`);
      console.log('\nTimings (wall clock, and CPU of this script plus the commands it ran, on all cores):');
      console.log(`    ${' '.repeat(78)}     wall       CPU`);
      for (const step of steps) console.log(row(step.ok ? ' ' : '✘', step.name, step.ms, cpuText(step.cpu, step.overlapped)));
      const totalCpu = cpuSeconds();
      console.log(row(' ', 'total', performance.now() - started, cpuText(totalCpu === undefined ? undefined : totalCpu - startCpu, false)));
      if (steps.some((step) => step.overlapped)) console.log('  * ran alongside another step: its CPU includes the other\'s');
      if (failed.length > 0) {
        console.log('\nFailed checks:');
        for (const check of failed) console.log(`  ✘ ${check.name}\n${indented(check.detail, '      ')}`);
      }
      if (options.fatal) console.log(`\nRelease test stopped: ${options.fatal}`);
      const failures = failed.length + (options.fatal ? 1 : 0);
      console.log(`\nrelease: ${checks.length - failed.length} passed, ${failures} failed`);
      return failures === 0 ? 0 : 1;
    },
  };
}
