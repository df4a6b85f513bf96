// The user's side of the release test, once the packages are in the registry: the
// scenario projects (install, run as ESM and through require(), type-check) and the
// footprint projects (one package each) go side by side, since installs mostly wait
// on the registry while tsc keeps the cores busy.
/* global console, performance, process */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SCENARIOS } from './consumer-programs.mjs';
import { createProject, installedVersion, npmInstall, runPrograms, typecheck } from './consumers.mjs';
import { measure } from './footprint.mjs';
import { fileListProblems, listFiles } from './package-checks.mjs';
import { describeError, limiter, pool, run } from './process.mjs';
import { indented } from './report.mjs';

/**
 * @typedef {object} UserOptions
 * @property {ReturnType<typeof import('./report.mjs').createReport>} report
 * @property {import('./tools.mjs').Tools} tools
 * @property {string} registryUrl
 * @property {string} version the snapshot version all our packages were published at
 * @property {string[]} names the published packages
 * @property {string} officialSdk install spec of the official SDK, the footprint reference
 * @property {string} root folder for the projects (outside the workspace)
 * @property {string} workspace the throwaway workspace (its tsc and @types/node)
 */

/**
 * Installs, runs and type-checks every scenario, measures every package's footprint.
 * @param {UserOptions} options
 * @returns {Promise<import('./footprint.mjs').Footprint[]>} footprint rows, the official SDK last
 */
export async function proveAsUser({ report, tools, registryUrl, version, names, officialSdk, root, workspace }) {
  const footprintSpecs = [...names, officialSdk];
  /** @param {string} spec */
  const soloScenario = (spec) => SCENARIOS.find((scenario) => scenario.install.length === 1 && scenario.install[0] === spec);
  // A scenario that installs one package alone is that package's footprint project too.
  /** @param {string} spec */
  const projectOf = (spec) => {
    const solo = soloScenario(spec);
    return solo ? path.join(root, solo.name) : path.join(root, `footprint-${footprintSpecs.indexOf(spec)}`);
  };
  /** @type {Map<string, { ok: boolean; detail: string }>} installs by project folder */
  const installs = new Map();

  /** @param {string} dir @param {string[]} specs */
  async function install(dir, specs) {
    createProject({ dir, registryUrl });
    try {
      const result = await npmInstall({ dir, specs, npm: tools.npm, env: tools.userEnv, registryUrl });
      installs.set(dir, { ok: true, detail: `${result.packages} packages in ${(result.ms / 1000).toFixed(1)} s` });
    } catch (error) {
      installs.set(dir, { ok: false, detail: describeError(error) });
    }
    return /** @type {{ ok: boolean; detail: string }} */ (installs.get(dir));
  }

  const tscGate = limiter(2);
  const typeRoots = path.join(workspace, 'node_modules', '@types');
  const tsc = path.join(workspace, 'node_modules', 'typescript', 'bin', 'tsc');

  /** @param {import('./consumer-programs.mjs').Scenario} scenario */
  async function scenarioFlow(scenario) {
    const dir = path.join(root, scenario.name);
    const spec = scenario.install.join(' ');
    /** @type {[string, boolean, string][]} */
    const verdicts = [];
    let t = performance.now();
    const lap = () => {
      const ms = performance.now() - t;
      t = performance.now();
      return `${(ms / 1000).toFixed(1)} s`;
    };
    const result = await install(dir, scenario.install);
    const lines = [`${scenario.name} — ${scenario.description}`, `  npm install ${spec}: ${result.ok ? result.detail : 'failed'}`];
    if (result.ok) {
      const wrong = scenario.install.filter((name) => installedVersion(dir, name) !== version);
      verdicts.push([`${scenario.name}: npm install ${spec} gets ${version} from the local registry`, wrong.length === 0,
        wrong.length === 0 ? '' : `${wrong.join(', ')} installed at another version`]);
      // Telemetry is opt-in: only @parley/otel brings OpenTelemetry (its peer) along.
      if (!scenario.install.includes('@parley/otel')) {
        const otelInstalled = existsSync(path.join(dir, 'node_modules', '@opentelemetry'));
        verdicts.push([`${scenario.name}: installs no OpenTelemetry package`, !otelInstalled, otelInstalled ? 'node_modules/@opentelemetry exists' : '']);
      }
      lap();
      const runs = await runPrograms({ dir, scenario, node: process.execPath, systemNode: tools.systemNode, env: tools.userEnv });
      lines.push(`  programs (ESM on node ${process.versions.node} and ${tools.systemNodeVersion}, require() on ${tools.systemNodeVersion}): ${lap()}`);
      for (const run of runs) {
        if (run.ok) lines.push(indented(run.output, '    '));
        verdicts.push([`${scenario.name}: runs (${run.run})`, run.ok, run.ok ? '' : run.output]);
      }
      const checks = await tscGate(() => {
        lap();
        return typecheck({ dir, scenario, node: process.execPath, tsc, typeRoots, env: tools.userEnv });
      });
      lines.push(`  tsc --noEmit, node16 and bundler: ${lap()}`);
      for (const check of checks) {
        verdicts.push([`${scenario.name}: published types check (tsc, moduleResolution ${check.variant}, strict, skipLibCheck false)`, check.ok, check.output]);
      }
    } else {
      verdicts.push([`${scenario.name}: npm install ${spec}`, false, result.detail]);
    }
    // One block per scenario, so parallel scenarios do not interleave their output.
    console.log(indented(lines.join('\n')));
    for (const [name, ok, detail] of verdicts) report.check(name, ok, detail);
  }

  const footprintOnly = footprintSpecs.filter((spec) => !soloScenario(spec));
  await Promise.all([
    report.step(`consumer projects: npm install, run (ESM, require), tsc — ${SCENARIOS.length} scenarios`, () => pool(SCENARIOS, 3, scenarioFlow)),
    report.step(`footprint projects: npm install, one package each — ${footprintOnly.length} more`, () =>
      pool(footprintOnly, 2, (spec) => install(projectOf(spec), [spec]))),
  ]);

  // What the registry actually serves, as npm unpacked it for a user.
  for (const name of names) {
    const result = installs.get(projectOf(name));
    if (!result?.ok) {
      report.check(`${name}: npm install ${name} alone`, false, result?.detail ?? 'not installed');
      continue;
    }
    const dir = path.join(projectOf(name), 'node_modules', ...name.split('/'));
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const problems = fileListProblems(listFiles(dir), manifest);
    // npm links each bin into node_modules/.bin; a missing target leaves a dangling link.
    const bins = typeof manifest.bin === 'string' ? [name.split('/').at(-1) ?? name] : Object.keys(manifest.bin ?? {});
    for (const bin of bins) {
      if (!existsSync(path.join(projectOf(name), 'node_modules', '.bin', bin))) problems.push(`bin ${bin} is not installed into node_modules/.bin`);
    }
    report.check(`${name}: installs alone; holds exactly what it should${bins.length > 0 ? `, bin ${bins.join(', ')} linked` : ''}`, problems.length === 0, problems.join('\n'));
  }

  // A program that depends on the sdk gets nothing but @parley/* at run time. `npm ls
  // --all` also names an optional peer that is not installed (zod, for @parley/core/zod
  // and zod-typed tools) as UNMET OPTIONAL DEPENDENCY: that one has no version.
  if (names.includes('@parley/sdk') && installs.get(projectOf('@parley/sdk'))?.ok) {
    const cwd = projectOf('@parley/sdk');
    /** @typedef {{ version?: string; dependencies?: Record<string, LsNode> }} LsNode */
    /** @param {Record<string, LsNode> | undefined} tree @param {boolean} installed @returns {string[]} */
    const namesIn = (tree, installed) =>
      Object.entries(tree ?? {}).flatMap(([name, node]) => [...((node.version !== undefined) === installed ? [name] : []), ...namesIn(node.dependencies, installed)]);
    for (const all of [false, true]) {
      const args = ['ls', ...(all ? ['--all'] : []), '--omit=dev', '--json'];
      const ls = await run(tools.npm, args, { cwd, env: tools.userEnv, allowFailure: true });
      let tree;
      let detail = '';
      try {
        tree = JSON.parse(ls.stdout).dependencies;
      } catch (error) {
        detail = `npm ls printed no JSON: ${describeError(error)}\n${ls.stderr}`;
      }
      const listed = [...new Set(namesIn(tree, true))].sort();
      const unmet = [...new Set(namesIn(tree, false))].sort();
      const foreign = listed.filter((name) => !name.startsWith('@parley/'));
      // A missing dependency that is not optional makes npm ls exit non-zero.
      if (detail === '' && ls.code !== 0) detail = `npm ls exited with ${ls.code}: ${ls.stderr}`;
      const problem = detail || (listed.length === 0 ? 'lists nothing' : foreign.length > 0 ? `also lists ${foreign.join(', ')}` : '');
      report.check(`@parley/sdk: \`npm ${args.slice(0, -1).join(' ')}\` in a project that uses it lists only @parley/* packages`, problem === '', problem);
      console.log(indented(`npm ${args.join(' ')} (a project of @parley/sdk): ${listed.join(', ')}${unmet.length > 0 ? `; not installed (optional peers): ${unmet.join(', ')}` : ''}`));
    }
  }

  return footprintSpecs.flatMap((spec) => {
    const result = installs.get(projectOf(spec));
    if (!result?.ok) {
      if (spec === officialSdk) report.check(`npm install ${officialSdk} (footprint reference)`, false, result?.detail ?? 'not installed');
      return [];
    }
    const name = spec.replace(/(?<=.)@[^/]*$/, '');
    const label = spec === officialSdk ? `\`${spec}\` (official)` : `\`${spec}\``;
    return [measure({ dir: projectOf(spec), name, label })];
  });
}
