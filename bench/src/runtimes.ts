// The Node versions to measure on: the one running this script (Node 24 under pnpm)
// and the system's own node, found on PATH outside any node_modules.
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface Runtime {
  /** Path of the node binary. */
  node: string;
  version: string;
}

function versionOf(node: string): string | undefined {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

/** The system node: the first `node` on PATH that pnpm did not put there. */
export function systemNode(): Runtime | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '' || dir.includes('node_modules')) continue;
    const node = join(dir, 'node');
    try {
      accessSync(node, constants.X_OK);
    } catch {
      continue;
    }
    const version = versionOf(node);
    if (version !== undefined) return { node, version };
  }
  return undefined;
}

/** This process's node first, then the system node when it is another version. */
export function runtimes(): Runtime[] {
  const current: Runtime = { node: process.execPath, version: process.version };
  const system = systemNode();
  return system === undefined || system.version === current.version ? [current] : [current, system];
}
