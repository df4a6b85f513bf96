// Regenerates @parley/core into a temporary folder and fails on any difference with
// the committed packages/core/src/generated/, so the spec and the code cannot drift.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const core = fileURLToPath(new URL('../packages/core/', import.meta.url));
const committed = join(core, 'src/generated');
const fresh = mkdtempSync(join(tmpdir(), 'parley-generated-'));

function list(dir) {
  return readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, String(entry)))
    .filter((file) => statSync(file).isFile())
    .map((file) => relative(dir, file))
    .sort();
}

try {
  // The script behind `pnpm generate`, writing into the temporary folder instead.
  execFileSync(process.execPath, ['scripts/generate.mjs'], {
    cwd: core,
    env: { ...process.env, PARLEY_GENERATE_OUT: fresh },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const a = list(committed);
  const b = list(fresh);
  const problems = [];
  for (const file of new Set([...a, ...b])) {
    if (!a.includes(file)) problems.push(`missing from src/generated: ${file}`);
    else if (!b.includes(file)) problems.push(`not produced by the generator: ${file}`);
    else if (readFileSync(join(committed, file), 'utf8') !== readFileSync(join(fresh, file), 'utf8')) {
      problems.push(`differs from the spec's output: ${file}`);
    }
  }
  if (problems.length > 0) {
    console.error(`packages/core/src/generated/ does not match openapi/messages.yaml:\n  ${problems.join('\n  ')}`);
    console.error('Run `pnpm generate` and commit the result; never edit generated files by hand.');
    process.exit(1);
  }
  console.log(`generated code matches the spec (${a.length} files)`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
