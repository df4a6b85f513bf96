import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
for (const sdk of ['/tmp/sdk-old/packages/sdk/src/index.ts', '/work/main/packages/sdk/src/index.ts']) {
  const src = (n) => `/work/main/packages/${n}/src/index.ts`;
  const r = await build({
    stdin: { contents: "import Parley from '@parley/sdk'; const c = new Parley({ apiKey: 'k', dangerouslyAllowBrowser: true }); const p = { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'x' }] }; export async function ask() { return [await c.messages.create(p), await c.messages.stream(p).finalMessage()]; }", resolveDir: '/work/main/bench', loader: 'ts' },
    outdir: '/tmp/sbo', splitting: true, bundle: true, minify: true, platform: 'browser', format: 'esm', write: false, metafile: true,
    nodePaths: ['/work/main/node_modules/.pnpm/node_modules'],
    alias: { ...Object.fromEntries(['streaming', 'errors', 'core', 'tools'].map((n) => [`@parley/${n}`, src(n)])), '@parley/sdk': sdk },
  });
  let initial = 0;
  for (const [name, out] of Object.entries(r.metafile.outputs)) {
    const f = r.outputFiles.find((o) => o.path.endsWith(name.split('/').pop()));
    if (!name.includes('validate')) initial += gzipSync(f.contents).length;
  }
  console.log(sdk, 'initial gzip', initial);
}
