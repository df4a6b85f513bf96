// The server tool calls of one turn: each planned call becomes a `server_tool_use` block
// and its result block, `max_uses` is counted over the whole turn (a paused turn's earlier
// calls included), and once the calls are done each result is reported in the answer.
import type { ContentBlock, ServerToolUseBlock, TextBlock } from '@parley/core';
import { digest } from '../hash.js';
import { codeAnswer, codeInput, codeResult } from './server-tools/code-execution.js';
import { fetchUrl, webFetchAnswer, webFetchResult, type FetchRules } from './server-tools/web-fetch.js';
import { webSearchAnswer, webSearchResult } from './server-tools/web-search.js';
import type { PlannedCall } from './tool-choice.js';

/** A server tool call and its result, made now or earlier in the turn. */
export interface Exchange {
  use: { id: string; name: string; input: unknown };
  result: { type: string; content: unknown };
}

/** The `name` of the `server_tool_use` block each kind of server call writes. */
const USE_NAMES = {
  web_search: 'web_search',
  web_fetch: 'web_fetch',
  code_execution: 'code_execution',
  bash_code_execution: 'bash_code_execution',
} as const;

function maxUses(call: PlannedCall): number {
  const limit = (call.tool as { max_uses?: unknown }).max_uses;
  return typeof limit === 'number' ? limit : Infinity;
}

/** One call's blocks: the tool use, then what the server returned. */
function run(call: PlannedCall, options: { id: string; userText: string; overLimit: boolean }): { use: ServerToolUseBlock; result: ContentBlock } {
  const { id, overLimit } = options;
  const rules = call.tool as FetchRules;
  switch (call.kind) {
    case 'web_search':
      return { use: { type: 'server_tool_use', id, name: 'web_search', input: { query: call.subject } }, result: webSearchResult({ id, query: call.subject, rules, overLimit }) };
    case 'web_fetch': {
      const url = fetchUrl(call.subject, options.userText);
      return { use: { type: 'server_tool_use', id, name: 'web_fetch', input: { url } }, result: webFetchResult({ id, url, rules, overLimit }) };
    }
    default: {
      const flavour = call.kind === 'code_execution' ? 'code_execution' : 'bash_code_execution';
      return { use: { type: 'server_tool_use', id, name: flavour, input: codeInput(call.subject, flavour) }, result: codeResult({ id, subject: call.subject, flavour }) };
    }
  }
}

/**
 * Runs `calls` after the turn's `earlier` exchanges. A call past its tool's `max_uses`
 * still appears, with a `max_uses_exceeded` error as its result.
 */
export function runServerCalls(options: { calls: PlannedCall[]; earlier: Exchange[]; userText: string; key: string }): { use: ServerToolUseBlock; result: ContentBlock }[] {
  const uses = new Map<string, number>();
  for (const exchange of options.earlier) uses.set(exchange.use.name, (uses.get(exchange.use.name) ?? 0) + 1);
  return options.calls.map((call, i) => {
    const name = USE_NAMES[call.kind as keyof typeof USE_NAMES];
    const count = (uses.get(name) ?? 0) + 1;
    uses.set(name, count);
    const id = `srvtoolu_${digest(`${options.key}#server${options.earlier.length + i}`)}`;
    return run(call, { id, userText: options.userText, overLimit: count > maxUses(call) });
  });
}

/** The server tool calls in a turn's content, each with its result (calls without one are left out). */
export function exchangesOf(content: readonly unknown[]): Exchange[] {
  const results = new Map<string, Exchange['result']>();
  for (const block of content) {
    const { type, tool_use_id: id, content: inner } = block as { type?: unknown; tool_use_id?: unknown; content?: unknown };
    if (typeof type === 'string' && typeof id === 'string') results.set(id, { type, content: inner });
  }
  const exchanges: Exchange[] = [];
  for (const block of content) {
    const use = block as { type?: unknown; id?: unknown; name?: unknown; input?: unknown };
    if (use.type !== 'server_tool_use' || typeof use.id !== 'string' || typeof use.name !== 'string') continue;
    const result = results.get(use.id);
    if (result) exchanges.push({ use: { id: use.id, name: use.name, input: use.input }, result });
  }
  return exchanges;
}

/** The text reporting one exchange, or undefined for a server tool the mock does not simulate. */
export function answerFor(exchange: Exchange): TextBlock | undefined {
  const input = (exchange.use.input ?? {}) as { query?: unknown; url?: unknown };
  switch (exchange.result.type) {
    case 'web_search_tool_result':
      return webSearchAnswer(typeof input.query === 'string' ? input.query : '', exchange.result);
    case 'web_fetch_tool_result':
      return webFetchAnswer(typeof input.url === 'string' ? input.url : 'the page', exchange.result);
    case 'code_execution_tool_result':
    case 'bash_code_execution_tool_result':
      return codeAnswer(exchange.result);
    default:
      return undefined;
  }
}
