// The package entry must load without Node's modules, so createMockFetch runs in
// browsers and edge workers; only the server (lazily) and the CLI use node:*.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');

/** Every module the file loads at import time (type-only imports and dynamic imports excluded). */
function staticImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((match) => match[1]!);
}

function graph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const target of staticImports(file)) {
      if (target.startsWith('.')) visit(resolve(dirname(file), target.replace(/\.js$/, '.ts')));
      else seen.add(target);
    }
  };
  visit(entry);
  return seen;
}

describe('runtime neutrality', () => {
  it('loads the package entry without any node:* module', () => {
    const loaded = [...graph(resolve(SRC, 'index.ts'))];
    expect(loaded.filter((name) => name.startsWith('node:'))).toEqual([]);
    expect(loaded).toContain(resolve(SRC, 'server.ts'));
    expect(loaded).toContain('@parley/core');
  });

  it('is seen to catch a node import (the CLI has one)', () => {
    expect([...graph(resolve(SRC, 'cli.ts'))]).toContain('node:util');
  });
});
