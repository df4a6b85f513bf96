// `pnpm generate`: the hey-api output, then the compiled request checks beside it. Also
// run by `pnpm check-generated` (with PARLEY_GENERATE_OUT set), so the two cannot differ
// in their steps.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = join(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.env.PARLEY_GENERATE_OUT !== undefined;
const run = (command, args) => {
  execFileSync(command, args, { cwd: core, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] });
};
run('openapi-ts', []);
run(process.execPath, [join(core, 'scripts/generate-validators.mjs')]);
run(process.execPath, [join(core, 'scripts/generate-request-shapes.mjs')]);
