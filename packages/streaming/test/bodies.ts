import { readFileSync } from 'node:fs';
import type { Message } from '@parley/core';

const fixtures = new URL('../src/__fixtures__/', import.meta.url);

/** The bytes of a fixture transcript. */
export const fixtureBytes = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`${name}.sse`, fixtures)));

/** The expected final message of a fixture. */
export const fixtureMessage = (name: string): Message =>
  (JSON.parse(readFileSync(new URL(`${name}.expected.json`, fixtures), 'utf8')) as { message: Message }).message;

/** The frames of a fixture, as whole SSE frames (each ending with its blank line). */
export function fixtureFrames(name: string): string[] {
  const text = new TextDecoder().decode(fixtureBytes(name));
  return text.split(/(?<=\n\n)/);
}

/** A body the test feeds by hand, recording whether (and why) it was cancelled. */
export interface ControlledBody {
  body: ReadableStream<Uint8Array>;
  push(text: string): void;
  close(): void;
  error(reason: unknown): void;
  /** How often the stream asked for more. */
  readonly pulls: number;
  readonly cancelled: boolean;
  readonly cancelReason: unknown;
}

export function controlledBody(initial: string[] = []): ControlledBody {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const state = { pulls: 0, cancelled: false, cancelReason: undefined as unknown };
  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        for (const text of initial) c.enqueue(encoder.encode(text));
      },
      pull() {
        state.pulls++;
      },
      cancel(reason) {
        state.cancelled = true;
        state.cancelReason = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return {
    body,
    push: (text) => {
      controller.enqueue(encoder.encode(text));
    },
    close: () => {
      controller.close();
    },
    error: (reason) => {
      controller.error(reason);
    },
    get pulls() {
      return state.pulls;
    },
    get cancelled() {
      return state.cancelled;
    },
    get cancelReason() {
      return state.cancelReason;
    },
  };
}

/** Lets pending reads, microtasks and I/O callbacks run. */
export const settle = (ms = 5): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Collects unhandled rejections while `run` executes (and a little after). */
export async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    seen.push(reason);
  };
  process.on('unhandledRejection', onUnhandled);
  try {
    await run();
    await settle(20);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return seen;
}
