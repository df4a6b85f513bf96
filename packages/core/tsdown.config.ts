import { parleyPackage } from '../../tsdown.preset.ts';

export default parleyPackage({
  // One output file per source module: with `sideEffects: false`, a bundler then drops
  // the zod schemas (which run at import) from a program that uses none of them.
  unbundle: true,
  // `@parley/core/validators`: the compiled request checks alone.
  entry: ['src/index.ts', 'src/generated/validators.gen.ts'],
});
