import { coreTypesInlined, parleyPackage } from '../../tsdown.preset.ts';

// One output file per source module: with `sideEffects: false`, a bundler keeps only what
// a program reaches (`MessageStream` alone carries no structured-output stream).
// The `@parley/core` types the declarations name are copied in (see the preset).
export default parleyPackage({ unbundle: true, ...coreTypesInlined });
