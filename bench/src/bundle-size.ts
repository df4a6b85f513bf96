// Browser bundle sizes, as an application would ship them: esbuild, minified, ESM,
// browser platform, with and without code splitting.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type OutputFile } from 'esbuild';

/** One program to bundle. */
export interface BundleEntry {
  id: string;
  /** What the table says it is. */
  label: string;
  /** File under bench/bundle/. */
  file: string;
  /** Whether to also bundle with splitting (where the package loads code lazily). */
  split: boolean;
  /** Largest gzip size of the initial load, in bytes, when there is a budget (`bench --quick --enforce-budgets` holds it). */
  budget?: number;
}

/** Sizes in bytes; `initial` is what loads before the program runs, `total` includes lazy chunks. */
export interface BundleSize {
  id: string;
  splitting: boolean;
  initialRaw: number;
  initialGzip: number;
  totalRaw: number;
  totalGzip: number;
  files: number;
  /** Minified bytes of the initial load, per package it came from (before gzip). */
  initialByPackage: Record<string, number>;
}

/** The package a bundled input file belongs to: `@parley/x`, a package in node_modules, or the program. */
function packageOf(input: string): string {
  const parley = /packages\/([^/]+)\//.exec(input);
  if (parley !== null) return `@parley/${parley[1]!}`;
  const modules = input.split('node_modules/');
  const last = modules[modules.length - 1]!;
  if (modules.length === 1) return 'the program';
  const parts = last.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]!}/${parts[1]!}` : parts[0]!;
}

export const BUNDLES: readonly BundleEntry[] = [
  { id: 'parley-sdk', label: '@parley/sdk: `messages.create` + `messages.stream`', file: 'parley-sdk.ts', split: true, budget: 20_000 },
  { id: 'official-sdk', label: '@anthropic-ai/sdk: the same program', file: 'official-sdk.ts', split: true },
  { id: 'core-create-message', label: '@parley/core: `createMessage` alone', file: 'core-create-message.ts', split: false },
  { id: 'streaming-message-stream', label: '@parley/streaming: `MessageStream` alone', file: 'streaming-message-stream.ts', split: false, budget: 12_000 },
  { id: 'streaming-decode-accumulate', label: '@parley/streaming: `decodeSSE` + `accumulate` alone', file: 'streaming-decode-accumulate.ts', split: false, budget: 5_500 },
];

const BUNDLE_DIR = fileURLToPath(new URL('../bundle/', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../node_modules/.cache/parley-bench/bundle/', import.meta.url));

const gzip = (file: OutputFile) => gzipSync(file.contents).byteLength;

/** The chunks loaded before the entry runs: the entry and what it imports statically, transitively. */
function initialFiles(metafile: Metafile, outputs: readonly OutputFile[], program: string): OutputFile[] {
  const byPath = new Map(outputs.map((file) => [file.path, file]));
  // The program's own output: every lazily loaded chunk is an entry point too.
  const entry = Object.keys(metafile.outputs).find((path) => metafile.outputs[path]?.entryPoint?.endsWith(`/${program}`) === true)!;
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const { path: next, kind } of metafile.outputs[path]?.imports ?? []) if (kind === 'import-statement') visit(next);
  };
  visit(entry);
  const cwd = process.cwd();
  return [...seen].map((path) => byPath.get(path.startsWith('/') ? path : `${cwd}/${path}`)!);
}

/** Bundles one program and measures it. */
export async function measureBundle(entry: BundleEntry, splitting: boolean): Promise<BundleSize> {
  const result = await build({
    entryPoints: [BUNDLE_DIR + entry.file],
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    splitting,
    outdir: OUT_DIR + entry.id,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.outputFiles.filter((file) => file.path.endsWith('.js'));
  const initial = initialFiles(result.metafile, outputs, entry.file);
  const initialByPackage: Record<string, number> = {};
  for (const file of initial) {
    const output = Object.entries(result.metafile.outputs).find(([path]) => file.path.endsWith(path.replace(/^.*\//, '/')))?.[1];
    for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
      const name = packageOf(input);
      initialByPackage[name] = (initialByPackage[name] ?? 0) + bytesInOutput;
    }
  }
  const sum = (files: readonly OutputFile[], size: (file: OutputFile) => number) => files.reduce((total, file) => total + size(file), 0);
  return {
    id: entry.id,
    splitting,
    initialRaw: sum(initial, (file) => file.contents.byteLength),
    initialGzip: sum(initial, gzip),
    totalRaw: sum(outputs, (file) => file.contents.byteLength),
    totalGzip: sum(outputs, gzip),
    files: outputs.length,
    initialByPackage,
  };
}

/** Every program, with splitting where it applies and without. */
export async function measureBundles(): Promise<BundleSize[]> {
  const sizes: BundleSize[] = [];
  for (const entry of BUNDLES) {
    sizes.push(await measureBundle(entry, false));
    if (entry.split) sizes.push(await measureBundle(entry, true));
  }
  return sizes;
}
