// The file a worker process runs (bundled to .mjs by main.ts).
import { workerMain } from './worker.ts';

await workerMain(process.argv.slice(2));
