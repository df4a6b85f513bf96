import { parleyPackage } from '../../tsdown.preset.ts';

// One output file per source module: with `sideEffects: false`, a bundler keeps only what
// a program reaches (`MessageStream` alone carries no structured-output stream).
export default parleyPackage({ unbundle: true });
