// What src/load-loop.ts loads on first use: the runner's loop and the implementations
// of parseToolUses and runTools, kept out of the initial load of an app's bundle.
export { Runner } from './runner.js';
export { parseToolUses } from './parse-tool-uses.js';
export { runTools } from './run-tools.js';
