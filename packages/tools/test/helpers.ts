// Shared pieces of the runner tests: a mock server per file, the requests it received,
// and a latch that opens once a number of tools have started.
import type { ContentBlockParam, CreateMessageParams, MessageParam, ToolResultBlockParam } from '@parley/core';
import { startMockServer, type MockServer } from '@parley/mock';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** Starts a mock server for the test file and forgets its requests before each test. */
export function useMockServer(): { readonly server: MockServer } {
  const holder = {} as { server: MockServer };
  beforeAll(async () => {
    holder.server = await startMockServer({ port: 0 });
  });
  afterAll(async () => {
    await holder.server.close();
  });
  beforeEach(() => {
    holder.server.reset();
  });
  return holder;
}

/** The bodies of the message requests the server received, oldest first. */
export function sentBodies(server: MockServer): CreateMessageParams[] {
  return server.requests
    .filter((request) => request.method === 'POST' && request.path === '/v1/messages')
    .map((request) => request.body as CreateMessageParams);
}

/** The tool_result blocks of the last user turn of a request body. */
export function toolResultsOf(body: CreateMessageParams): ToolResultBlockParam[] {
  const last: MessageParam | undefined = body.messages.at(-1);
  if (last?.role !== 'user' || typeof last.content === 'string') return [];
  return last.content.filter(
    (block: ContentBlockParam): block is ToolResultBlockParam & { type: 'tool_result' } => block.type === 'tool_result',
  );
}

/**
 * Opens once `count` parties have arrived. If a party waits while the others never come
 * (tools run one after another), `signal` aborting is the only way out: nothing here
 * depends on timing.
 */
export function latch(count: number): { arrive(signal: AbortSignal): Promise<void>; readonly arrived: number } {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    get arrived() {
      return arrived;
    },
    arrive(signal) {
      arrived += 1;
      if (arrived === count) open();
      return new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          reject(new Error(`the latch saw ${arrived} of ${count} parties before the abort`));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        void opened.then(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    },
  };
}
