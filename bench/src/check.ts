// Every run's result is checked against the generator's ground truth: a fast wrong
// answer must fail the benchmark, never win it.
import { isDeepStrictEqual } from 'node:util';
import type { BatchSummary } from './batch-results.ts';
import type { FinalMessage, WatchedInput, WatchedOutput } from './contenders/contender.ts';

/** A result that is not what the generator produced. */
export class WrongResult extends Error {
  override name = 'WrongResult';
}

function firstBlock(message: FinalMessage, type: string): { type: string; text?: string; input?: unknown } {
  const block = message.content[0];
  if (message.content.length !== 1 || block?.type !== type) {
    throw new WrongResult(`expected one ${type} block, got ${JSON.stringify(message.content.map((b) => b.type))}`);
  }
  return block;
}

function sameText(actual: unknown, expected: string): void {
  if (actual === expected) return;
  const got = typeof actual === 'string' ? actual : '';
  let at = 0;
  while (at < got.length && got[at] === expected[at]) at++;
  throw new WrongResult(`text differs at character ${at} (length ${got.length}, expected ${expected.length})`);
}

function sameValue(actual: unknown, expected: unknown, what: string): void {
  // Compared as JSON values: the prototype of a parsed object is not part of the result.
  const json = JSON.stringify(actual) as string | undefined;
  if (json === undefined || !isDeepStrictEqual(JSON.parse(json), expected)) throw new WrongResult(`${what} does not deep-equal the generated input`);
}

/** The final message holds exactly the generated text. */
export function checkText(expected: string): (result: unknown) => void {
  return (result) => {
    sameText(firstBlock(result as FinalMessage, 'text').text, expected);
  };
}

/** The iterated text deltas add up to the generated text. */
export function checkIteratedText(expected: string): (result: unknown) => void {
  return (result) => {
    sameText(result, expected);
  };
}

/** The final message's tool input deep-equals the generated object. */
export function checkToolInput(expected: unknown): (result: unknown) => void {
  return (result) => {
    sameValue(firstBlock(result as FinalMessage, 'tool_use').input, expected, 'the final tool input');
  };
}

/** As {@link checkToolInput}, and the listener was called once per delta and last saw the whole input. */
export function checkWatchedInput(expected: unknown, deltas: number): (result: unknown) => void {
  const final = checkToolInput(expected);
  return (result) => {
    const watched = result as WatchedInput;
    final(watched.final);
    // The limit has no listener (calls -1): it stands for the least work, not for the events.
    if (watched.calls === -1) return;
    if (watched.calls !== deltas) throw new WrongResult(`inputJson was called ${watched.calls} times for ${deltas} deltas`);
    sameValue(watched.last, expected, 'the last partial input');
  };
}

/** The parsed output is the generated object; with a listener, it saw every delta and, last, the whole object. */
export function checkWatchedOutput(expected: unknown, deltas: number): (result: unknown) => void {
  return (result) => {
    const watched = result as WatchedOutput;
    sameValue(watched.parsed, expected, 'the parsed output');
    if (watched.calls === -1) return;
    if (watched.calls !== deltas) throw new WrongResult(`parsedOutput was called ${watched.calls} times for ${deltas} deltas`);
    sameValue(watched.last, expected, 'the last partial output');
  };
}

/** Every call returned the generated message. */
export function checkMessages(expected: unknown, calls: number): (result: unknown) => void {
  return (result) => {
    const messages = result as unknown[];
    if (messages.length !== calls) throw new WrongResult(`${messages.length} results for ${calls} calls`);
    for (const [i, message] of messages.entries()) {
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(message)), expected)) throw new WrongResult(`call ${i} returned a different message`);
    }
  };
}

function rejects(check: () => void, what: string): void {
  try {
    check();
  } catch (error) {
    if (error instanceof WrongResult) return;
    throw error;
  }
  throw new Error(`the result checks accept a wrong result: ${what}`);
}

/** Proves each check can fail: a check that accepts anything would make every run look right. */
export function checkTheChecks(): void {
  rejects(() => {
    checkText('abc')({ content: [{ type: 'text', text: 'abd' }] });
  }, 'a different text');
  rejects(() => {
    checkIteratedText('abc')('ab');
  }, 'a shorter iterated text');
  rejects(() => {
    checkToolInput({ a: [1, 2] })({ content: [{ type: 'tool_use', input: { a: [1, 3] } }] });
  }, 'a different tool input');
  rejects(() => {
    checkWatchedInput({ a: 1 }, 3)({ calls: 2, last: { a: 1 }, final: { content: [{ type: 'tool_use', input: { a: 1 } }] } });
  }, 'a missed inputJson call');
  rejects(() => {
    checkWatchedOutput({ a: 1 }, 3)({ calls: 3, last: { a: 1 }, parsed: { a: 2 } });
  }, 'a different parsed output');
  rejects(() => {
    checkWatchedOutput({ a: 1 }, 3)({ calls: 3, last: {}, parsed: { a: 1 } });
  }, 'a last partial short of the output');
  rejects(() => {
    checkMessages({ id: 'a' }, 2)([{ id: 'a' }, { id: 'b' }]);
  }, 'one different message');
  rejects(() => {
    checkBatchSummary({ results: 3, succeeded: 2, outputTokens: 10 })({ results: 2, succeeded: 2, outputTokens: 10, peakHeapGrowth: 0 });
  }, 'a batch result line missed');
}

/** Every result line was read: the counts and the summed output tokens are the generated ones. */
export function checkBatchSummary(expected: Omit<BatchSummary, 'peakHeapGrowth'>): (result: unknown) => void {
  return (result) => {
    const { peakHeapGrowth: _heap, ...read } = result as BatchSummary;
    if (!isDeepStrictEqual(read, expected)) throw new WrongResult(`read ${JSON.stringify(read)}, expected ${JSON.stringify(expected)}`);
  };
}
