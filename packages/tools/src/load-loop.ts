// The tool loop (the runner, parseToolUses and runTools) is loaded on first use with
// `import()`: bundlers then put it in a chunk of its own, so an app that sends messages
// but never runs tools does not download it. Nothing outside src/loop/ may import a
// value from there (types are fine), or a bundler puts the whole file back in the
// initial load; and what src/loop/ imports from outside it (indexTools, describeError)
// ends up in the initial load too, so that stays small.
import type * as Loop from './loop/index.js';

// Kept once loaded: every `import()` goes through the module loader again.
let loading: Promise<typeof Loop> | undefined;

/** The tool loop, loaded on the first call; a failed load (a chunk a browser could not fetch) is tried again next call. */
export function loadLoop(): Promise<typeof Loop> {
  loading ??= import('./loop/index.js').catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
