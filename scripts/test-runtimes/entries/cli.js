// The scenario as a program, for Node, Bun and Deno: `<runtime> cli.js <mock URL> <key>`.
// Prints one JSON line: the runtime, its version and the report of every step.
import { runScenario } from '../scenario.js';

function runtime() {
  if (typeof Deno !== 'undefined') return { name: 'deno', version: Deno.version.deno, args: Deno.args };
  if (typeof Bun !== 'undefined') return { name: 'bun', version: Bun.version, args: process.argv.slice(2) };
  return { name: 'node', version: process.versions.node, args: process.argv.slice(2) };
}

const { name, version, args } = runtime();
const [baseURL, apiKey] = args;
const steps = await runScenario({ baseURL, apiKey });
console.log(JSON.stringify({ runtime: name, version, steps }));
