import { coreTypesInlined, parleyPackage } from '../../tsdown.preset.ts';

// One output file per source module: with `sideEffects: false`, a bundler keeps only the
// error classes a program reaches (a browser client's first load carries neither the
// validation issue resolver nor the structured-output and batch errors).
// The few `@parley/core` types the declarations name are copied in (see the preset), so
// the package installs without core.
export default parleyPackage({ unbundle: true, ...coreTypesInlined });
