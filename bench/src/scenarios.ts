// The scenarios of the issue, at full size for `pnpm bench` and small for `--quick`.
import { batchFixture } from './batch-results.ts';
import { checkBatchSummary, checkIteratedText, checkMessages, checkText, checkToolInput, checkWatchedInput, checkWatchedOutput, WrongResult } from './check.ts';
import type { BindOptions, ContenderName, FinalMessage, Operations } from './contenders/contender.ts';
import { jsonReply, outputReply, textReply, toolReply } from './fixtures.ts';
import type { Reply } from './memory-fetch.ts';
import { byteLength, chunkBytes } from './sse.ts';

/** One measured scenario: the same reply, operation and check for every contender. */
export interface Scenario {
  /** Stable key, used in results and tables. */
  id: string;
  /** Which table the scenario belongs to. */
  group: 'A' | 'B1' | 'B2' | 'C' | 'E' | 'F';
  /** What varies inside the group (chunk size, input size). */
  variant: string;
  contenders: readonly ContenderName[];
  reply: Reply;
  /** One timed run. */
  run: (operations: Operations) => Promise<unknown>;
  /** Throws a `WrongResult` when a run's result is not the ground truth. */
  check: (result: unknown) => void;
  /** Operations per run (the per-call figure divides by it). */
  calls: number;
  warmup: number;
  rounds: number;
  /** Sizes, for the report. */
  facts: Record<string, number>;
  /** Client settings other than the defaults. */
  clientOptions?: BindOptions;
}

export type Profile = 'full' | 'quick';

const ALL: readonly ContenderName[] = ['parley', 'official', 'limit'];
const KIB = 1024;

// Read the tool input inside the timed run: an SDK that parses it lazily must not be timed without that parse.
async function finalWithInput(operations: Operations): Promise<FinalMessage> {
  const message = await operations.finalMessage();
  for (const block of message.content) {
    if (block.type === 'tool_use' && block.input === undefined) throw new WrongResult('a tool_use block has no input');
  }
  return message;
}

function once<T>(make: () => T): () => T {
  let value: { made: T } | undefined;
  return () => (value ??= { made: make() }).made;
}

/** A scenario not yet built: building makes its fixture, which only the scenarios that run need. */
interface Spec {
  id: string;
  build: () => Scenario;
}

function textSpecs(profile: Profile): Spec[] {
  const deltas = profile === 'full' ? 20_000 : 2_000;
  const reply = once(() => textReply({ deltas, charsPerDelta: 42 }));
  const rounds = profile === 'full' ? { warmup: 2, rounds: 7 } : { warmup: 0, rounds: 1 };
  const base = { group: 'A' as const, contenders: ALL, calls: 1, ...rounds };
  // Small chunks take longer for everyone and vary less: fewer rounds.
  const smallChunkRounds = profile === 'full' ? { warmup: 1, rounds: 4 } : rounds;
  const facts = (chunks: readonly Uint8Array[], size: number) => ({
    bodyBytes: byteLength(chunks),
    textChars: reply().text.length,
    deltas,
    chunkBytes: size,
    chunks: chunks.length,
  });
  const sizes = profile === 'full' ? [KIB, 64] : [KIB, 7];
  const specs: Spec[] = sizes.map((size) => ({
    id: `A-stream-${size}`,
    build: () => {
      const chunks = chunkBytes(reply().sse, size);
      return {
        ...base,
        id: `A-stream-${size}`,
        variant: `stream().finalMessage(), ${size === KIB ? '1 KiB' : `${size} B`} chunks`,
        ...(size < KIB ? smallChunkRounds : {}),
        reply: { chunks },
        run: finalWithInput,
        check: checkText(reply().text),
        facts: facts(chunks, size),
      };
    },
  }));
  specs.push({
    id: `A-create-${KIB}`,
    build: () => {
      const chunks = chunkBytes(reply().sse, KIB);
      return {
        ...base,
        id: `A-create-${KIB}`,
        variant: 'create({ stream: true }) iterated, 1 KiB chunks',
        reply: { chunks },
        run: (operations) => operations.iterateText(),
        check: checkIteratedText(reply().text),
        facts: facts(chunks, KIB),
      };
    },
  });
  return specs;
}

interface ToolOptions {
  bytes: number;
  watch: boolean;
  contenders: readonly ContenderName[];
  warmup: number;
  rounds: number;
  chunk: number;
}

function toolSpec(options: ToolOptions): Spec {
  const id = `${options.watch ? 'B2' : 'B1'}-${options.bytes}`;
  return {
    id,
    build: () => {
      const deltas = Math.round(options.bytes / 100);
      const reply = toolReply({ bytes: options.bytes, deltas });
      const chunks = chunkBytes(reply.sse, options.chunk);
      return {
        id,
        group: options.watch ? 'B2' : 'B1',
        variant: options.bytes >= 1e6 ? `${options.bytes / 1e6} MB` : `${options.bytes / 1e3} KB`,
        contenders: options.contenders,
        reply: { chunks },
        run: options.watch ? (operations) => operations.watchInput() : finalWithInput,
        check: options.watch ? checkWatchedInput(reply.input, reply.deltas) : checkToolInput(reply.input),
        calls: 1,
        warmup: options.warmup,
        rounds: options.rounds,
        facts: { bodyBytes: byteLength(chunks), jsonChars: reply.jsonLength, deltas: reply.deltas, chunkBytes: options.chunk, chunks: chunks.length },
      };
    },
  };
}

function toolSpecs(profile: Profile): Spec[] {
  if (profile === 'quick') {
    return [
      toolSpec({ bytes: 100_000, watch: false, contenders: ALL, warmup: 0, rounds: 1, chunk: 61 }),
      toolSpec({ bytes: 16_000, watch: true, contenders: ALL, warmup: 0, rounds: 1, chunk: 61 }),
    ];
  }
  const withoutOfficial: readonly ContenderName[] = ['parley', 'limit'];
  return [
    toolSpec({ bytes: 1_000_000, watch: false, contenders: ALL, warmup: 2, rounds: 5, chunk: KIB }),
    // The official SDK re-parses the whole input on every delta: quadratic, so it only
    // runs at sizes that finish in seconds, and with few rounds (a run warms itself up).
    toolSpec({ bytes: 32_000, watch: true, contenders: ALL, warmup: 1, rounds: 3, chunk: KIB }),
    toolSpec({ bytes: 64_000, watch: true, contenders: ALL, warmup: 1, rounds: 2, chunk: KIB }),
    toolSpec({ bytes: 250_000, watch: true, contenders: withoutOfficial, warmup: 2, rounds: 8, chunk: KIB }),
    toolSpec({ bytes: 500_000, watch: true, contenders: withoutOfficial, warmup: 2, rounds: 8, chunk: KIB }),
    toolSpec({ bytes: 1_000_000, watch: true, contenders: withoutOfficial, warmup: 2, rounds: 8, chunk: KIB }),
  ];
}

function createSpec(profile: Profile, validate: boolean): Spec {
  const calls = profile === 'full' ? 5_000 : 200;
  const id = validate ? 'C-create' : 'C-create-unvalidated';
  return {
    id,
    build: () => {
      const reply = jsonReply({ bytes: 2_000 });
      const json = new TextEncoder().encode(reply.body);
      return {
        id,
        group: 'C',
        variant: `${calls} sequential create() calls${validate ? '' : ', validate: false'}`,
        // Without validation only Parley changes: the official SDK has none to turn off.
        contenders: validate ? ALL : ['parley', 'limit'],
        reply: { json },
        async run(operations) {
          const messages: unknown[] = [];
          for (let i = 0; i < calls; i++) messages.push(await operations.create());
          return messages;
        },
        check: checkMessages(reply.message, calls),
        calls,
        ...(profile === 'full' ? { warmup: 2, rounds: 5 } : { warmup: 0, rounds: 1 }),
        facts: { bodyBytes: json.byteLength, calls },
        ...(validate ? {} : { clientOptions: { validate: false } }),
      };
    },
  };
}

function batchSpec(profile: Profile): Spec {
  const count = profile === 'full' ? 100_000 : 2_000;
  return {
    id: 'F-batch-results',
    build: () => {
      const fixture = batchFixture({ count });
      return {
        id: 'F-batch-results',
        group: 'F',
        variant: `batches.results(): ${count} JSON lines`,
        contenders: ALL,
        reply: { batch: fixture.batch, results: fixture.chunks },
        run: (operations) => operations.batchResults(),
        check: checkBatchSummary(fixture.expected),
        calls: 1,
        ...(profile === 'full' ? { warmup: 1, rounds: 4 } : { warmup: 0, rounds: 1 }),
        facts: { bodyBytes: byteLength(fixture.chunks), results: count, chunkBytes: 64 * KIB, chunks: fixture.chunks.length },
      };
    },
  };
}

// Structured output: a JSON object streamed as text, with a `parsedOutput` listener for
// Parley (a partial object per delta), against the official SDK's stream().finalMessage()
// and the limit, which have no partials and parse the text once.
function outputSpec(profile: Profile): Spec {
  const bytes = profile === 'full' ? 1_000_000 : 50_000;
  const id = `E-output-${bytes}`;
  return {
    id,
    build: () => {
      const reply = outputReply({ bytes, deltas: Math.round(bytes / 40) });
      const chunks = chunkBytes(reply.sse, KIB);
      return {
        id,
        group: 'E',
        variant: bytes >= 1e6 ? `${bytes / 1e6} MB` : `${bytes / 1e3} KB`,
        contenders: ALL,
        reply: { chunks },
        run: (operations) => operations.watchOutput(),
        check: checkWatchedOutput(reply.value, reply.deltas),
        calls: 1,
        ...(profile === 'full' ? { warmup: 2, rounds: 7 } : { warmup: 0, rounds: 1 }),
        facts: { bodyBytes: byteLength(chunks), jsonChars: reply.jsonLength, deltas: reply.deltas, chunkBytes: KIB, chunks: chunks.length },
      };
    },
  };
}

/** The ids of a profile's scenarios, in the order they run. */
export function scenarioIds(profile: Profile): string[] {
  return allSpecs(profile).map((spec) => spec.id);
}

function allSpecs(profile: Profile): Spec[] {
  return [...textSpecs(profile), ...toolSpecs(profile), createSpec(profile, true), createSpec(profile, false), outputSpec(profile), batchSpec(profile)];
}

/** Builds the scenarios of a profile whose id starts with one of `only` (all without it). */
export function scenarios(profile: Profile, only?: readonly string[]): Scenario[] {
  return allSpecs(profile)
    .filter((spec) => only === undefined || only.some((prefix) => spec.id.startsWith(prefix)))
    .map((spec) => spec.build());
}
