import { rmSync } from 'node:fs';
import { parleyPackage } from '../../tsdown.preset.ts';

export default parleyPackage({
  // One output file per source module: with `sideEffects: false`, a bundler then drops
  // what a program does not use (the request checks, their explanations, the zod schemas).
  unbundle: true,
  // `@parley/core/validators`: the compiled request checks alone; `/explain`: why they said
  // no; `/zod`: the zod schemas, for the programs that have zod.
  entry: ['src/index.ts', 'src/generated/validators.gen.ts', 'src/explain.ts', 'src/generated/zod.gen.ts'],
  // Most of the package is generated code that nobody reads in dist/ (the checks alone are
  // ~0.5 MB unminified): minified, an install stays small. The sources stay readable.
  minify: true,
  // `@parley/core/zod` is typed by a generated declaration file (each schema a `z.ZodType`
  // of its generated type) instead of the inferred one, which spells out every nested zod
  // type of every schema: megabytes that nothing refers to, so they are not shipped.
  copy: [{ from: 'src/generated/zod-types.gen.d.ts', to: 'dist/generated' }],
  hooks: {
    'build:done': () => rmSync(new URL('dist/generated/zod.gen.d.ts', import.meta.url), { force: true }),
  },
});
