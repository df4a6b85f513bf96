// The program behind the `parley-mock` command (bin/parley-mock.js). All logic lives in cli-main.ts.
import { runCli } from './cli-main.js';

const run = await runCli(process.argv.slice(2), {
  out: (line) => { process.stdout.write(`${line}\n`); },
  err: (line) => { process.stderr.write(`${line}\n`); },
  onSignal: (signal, listener) => { process.once(signal, listener); },
});
process.exitCode = await run.exitCode;
