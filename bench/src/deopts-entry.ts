// The file a `deopts.ts` child process runs (bundled to .mjs, so Node 20 runs it too).
import { deoptsChild } from './deopts-child.ts';

await deoptsChild(process.argv.slice(2));
