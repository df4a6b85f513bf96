import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const src = (n) => `/work/main/packages/${n}/src/index.ts`;
const r = await build({
  entryPoints: ['/work/main/bench/bundle/parley-sdk.ts'], outdir: '/tmp/sbo', splitting: true,
  bundle: true, minify: true, platform: 'browser', format: 'esm', write: false, metafile: true,
  alias: Object.fromEntries(['sdk', 'streaming', 'errors', 'core', 'tools'].map((n) => [`@parley/${n}`, src(n)])),
});
for (const [name, out] of Object.entries(r.metafile.outputs)) {
  const f = r.outputFiles.find((o) => o.path.endsWith(name.split('/').pop()));
  console.log(name, out.bytes, 'gzip', gzipSync(f.contents).length, out.imports.map((i) => i.kind).join(','));
  for (const [k, v] of Object.entries(out.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 40)) console.log(String(v.bytesInOutput).padStart(7), k.replace('/work/main/packages/', ''));
}
