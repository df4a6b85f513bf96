// 1,000 concurrent calls over real HTTP, 10% of them faulted (529 once, 500, a drop
// before the headers, a drop mid-stream, a stall longer than the timeout). Every call
// ends with the right message or the typed error of its fault, after the number of
// requests its fault calls for (counted by a middleware, and by the mock), none outlives its timeout by more
// than 1 s, nothing is left unhandled, and no request reaches the mock after its call ended.
import Parley, { APIConnectionError, APITimeoutError, InternalServerError, type Middleware } from '@parley/sdk';
import { startMockServer } from '@parley/mock';
import { expect, it } from 'vitest';
import { seeded } from './helpers.js';

const CALLS = 1_000;
const PER_FAULT = 20;
// Longer than 1,000 connections take to open here, so a stall's request reaches the mock
// before its timeout: the stall, not the crowd, is what times it out.
const STALL_TIMEOUT_MS = 4_000;
const TIMEOUT_MS = 30_000;
const CALL_HEADER = 'x-soak-call';
const ONCE_HEADER = 'x-soak-fault-once';

type Kind = 'none' | 'overloaded-once' | 'server-error' | 'drop-before' | 'drop-mid' | 'stall';

interface Expected {
  /** The error class of the fault, or undefined for the right message. */
  error?: { name: string; isInstance: (value: unknown) => boolean };
  /** Requests the mock must see for the call. */
  requests: number;
}

const EXPECTED: Record<Kind, Expected> = {
  none: { requests: 1 },
  // A 529 on the first attempt only: retried once, then the message.
  'overloaded-once': { requests: 2 },
  // Every attempt fails: 1 + 2 retries, then the error.
  'server-error': { error: InternalServerError, requests: 3 },
  'drop-before': { error: APIConnectionError, requests: 3 },
  // A stream whose response was accepted is never retried.
  'drop-mid': { error: APIConnectionError, requests: 1 },
  'stall': { error: APITimeoutError, requests: 1 },
};

const FAULTS: Record<Exclude<Kind, 'none'>, { header: string; value: object }> = {
  'overloaded-once': { header: ONCE_HEADER, value: { status: 529, headers: { 'retry-after-ms': '10' } } },
  'server-error': { header: 'x-mock-fault', value: { status: 500, headers: { 'retry-after-ms': '10' } } },
  'drop-before': { header: 'x-mock-fault', value: { dropBeforeHeaders: true } },
  'drop-mid': { header: 'x-mock-fault', value: { dropAfterEvents: 4 } },
  'stall': { header: 'x-mock-fault', value: { stallAfterEvents: 3 } },
};

const params = { model: 'claude-soak-1', max_tokens: 128, messages: [{ role: 'user' as const, content: 'Count the waves on the shore tonight.' }] };
const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : JSON.stringify(error));
const textOf = (content: readonly { type: string; text?: string }[]) => content.map((block) => block.text ?? '').join('');

it(`${CALLS.toLocaleString('en-US')} concurrent calls with faults on 10% end as their faults say, on time`, async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const server = await startMockServer();

  // When each attempt started and when its response (or failure) came: what "on time" is measured from.
  const progress = new Map<number, number>();
  const attempts = new Map<number, number>();
  const middleware: Middleware = async (request, next, context) => {
    const call = Number(request.headers.get(CALL_HEADER));
    progress.set(call, performance.now());
    attempts.set(call, (attempts.get(call) ?? 0) + 1);
    let sent = request;
    const once = request.headers.get(ONCE_HEADER);
    if (once !== null) {
      const headers = new Headers(request.headers);
      headers.delete(ONCE_HEADER);
      if (context.attempt === 1) headers.set('x-mock-fault', once);
      sent = new Request(request, { headers });
    }
    const response = await next(sent);
    progress.set(call, performance.now());
    return response;
  };
  const client = new Parley({ apiKey: 'soak-key', baseURL: server.url, timeout: TIMEOUT_MS, middleware: [middleware] });
  const expectedText = textOf((await client.messages.create(params, { headers: { [CALL_HEADER]: '-1' } })).content);

  // Which calls are faulted, and how: seeded, so every run is the same. Odd calls stream,
  // even ones do not; the mid-stream faults go to streams.
  const random = seeded(30);
  const kinds: Kind[] = Array.from({ length: CALLS }, () => 'none');
  const free = (stream: boolean) => kinds.map((kind, i) => (kind === 'none' && i % 2 === (stream ? 1 : 0) ? i : -1)).filter((i) => i >= 0);
  for (const kind of Object.keys(FAULTS) as Exclude<Kind, 'none'>[]) {
    for (let n = 0; n < PER_FAULT; n++) {
      const pool = free(kind === 'drop-mid' || kind === 'stall' ? true : random() < 0.5);
      kinds[pool[Math.floor(random() * pool.length)] ?? 0] = kind;
    }
  }

  const requestsOf = (call: number) => server.requests.filter((request) => request.headers[CALL_HEADER] === String(call)).length;
  const seenAtEnd: number[] = [];
  const lateness: number[] = [];
  const outcomes: { call: number; kind: Kind; problem?: string }[] = [];

  async function run(call: number): Promise<void> {
    const kind = kinds[call] ?? 'none';
    const fault = kind === 'none' ? undefined : FAULTS[kind];
    const stall = kind === 'stall';
    const options = {
      headers: { [CALL_HEADER]: String(call), ...(fault ? { [fault.header]: JSON.stringify(fault.value) } : {}) },
      // A stall times out; without retries its one attempt is the whole call.
      ...(stall ? { timeout: STALL_TIMEOUT_MS, maxRetries: 0 } : {}),
    };
    const timeout = stall ? STALL_TIMEOUT_MS : TIMEOUT_MS;
    let result: { text?: string; error?: unknown };
    try {
      const content = call % 2 === 1
        ? (await client.messages.stream(params, options).on('streamEvent', () => progress.set(call, performance.now())).finalMessage()).content
        : (await client.messages.create(params, options)).content;
      result = { text: textOf(content) };
    } catch (error) {
      result = { error };
    }
    const ended = performance.now();
    // The attempts made: every one of them, and no other, must reach the mock.
    seenAtEnd[call] = attempts.get(call) ?? 0;
    lateness[call] = ended - (progress.get(call) ?? ended) - timeout;
    const expected = EXPECTED[kind];
    let problem: string | undefined;
    if (expected.error === undefined) {
      if (result.text !== expectedText) problem = `expected the message, got ${result.error === undefined ? 'another text' : describe(result.error)}`;
    } else if (!expected.error.isInstance(result.error)) {
      problem = `expected ${expected.error.name}, got ${result.error === undefined ? 'a message' : describe(result.error)}`;
    }
    if (seenAtEnd[call] !== expected.requests) problem = `${problem ?? ''} ${seenAtEnd[call]} requests, expected ${expected.requests}`.trim();
    outcomes.push({ call, kind, ...(problem === undefined ? {} : { problem: `${kind}: ${problem}` }) });
  }

  // The stalls start first, so the crowd opening its connections does not time them out
  // before they reach the mock.
  const order = [...kinds.keys()].sort((a, b) => Number(kinds[b] === 'stall') - Number(kinds[a] === 'stall'));
  await Promise.all(order.map((call) => run(call)));
  // Anything still on its way to the mock gets there meanwhile; what it then counts for
  // each call must be the attempts made before the call ended, no more.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const lateRequests = outcomes.filter(({ call }) => requestsOf(call) !== seenAtEnd[call]).map(({ call }) => call);
  await server.close();
  process.off('unhandledRejection', onUnhandled);

  const byKind = new Map<Kind, number>();
  for (const { kind } of outcomes) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  const worst = Math.max(...lateness);
  console.log(
    `${CALLS.toLocaleString('en-US')} calls: ${[...byKind].map(([kind, count]) => `${kind} ${count}`).join(', ')}; ` +
      `wrong: ${outcomes.filter((outcome) => outcome.problem !== undefined).length}; latest end past its timeout: ${worst.toFixed(0)} ms; requests after their call ended: ${lateRequests.length}`,
  );
  expect(outcomes).toHaveLength(CALLS);
  expect(byKind.get('stall')).toBe(PER_FAULT);
  expect(outcomes.filter((outcome) => outcome.problem !== undefined)).toEqual([]);
  expect(worst, 'a call outlived its timeout by more than 1 s').toBeLessThan(1_000);
  expect(lateRequests, 'calls whose requests reached the mock after they ended').toEqual([]);
  expect(unhandled).toEqual([]);
});
