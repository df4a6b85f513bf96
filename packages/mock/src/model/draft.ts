// What the deterministic "model" writes for a request before any limit applies: thinking,
// a preamble, server tool calls with their results, client tool calls, and the answer.
// reply.ts then cuts the draft to `max_tokens` and `stop_sequences`.
import type { ContentBlock, CreateMessageParams, ThinkingBlock } from '@parley/core';
import { digest } from '../hash.js';
import { continuedBlocks, lastUserMessage, textOf, toolResultsOf } from './conversation.js';
import { sampleValue } from './sample-schema.js';
import { answerFor, exchangesOf, runServerCalls, type Exchange } from './server-turn.js';
import { betweenToolsText, echoReply, thinkingText, toolPreamble, toolResultReply } from './text.js';
import { planTools } from './tool-choice.js';
import { clientInput } from './tool-kinds.js';

/** The blocks the model would write with no limits, and why it would stop. */
export interface Draft {
  blocks: ContentBlock[];
  stopReason: 'end_turn' | 'tool_use' | 'pause_turn';
}

/** A user asking for a pause gets one server call per reply, and `pause_turn` after it. */
const PAUSE = /\bpause\b/i;

/** Where thinking blocks go: at the start (`enabled`), between tool calls (`between_tools`), or both (`adaptive`). */
function thinkingPlaces(params: CreateMessageParams): { start: boolean; between: boolean } {
  switch (params.thinking?.type) {
    case 'enabled':
      return { start: true, between: false };
    case 'adaptive':
      return { start: true, between: true };
    case 'between_tools':
      return { start: false, between: true };
    default:
      return { start: false, between: false };
  }
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}

/**
 * The draft reply to `params`; `key` (the request without `stream`) seeds every id and
 * signature, so the same request always gets the same blocks.
 */
export function draftReply(params: CreateMessageParams, key: string): Draft {
  const user = lastUserMessage(params.messages);
  const userText = textOf(user);
  const results = toolResultsOf(user);
  const plan = planTools(params, { userText, hasToolResults: results.length > 0 });
  // A paused turn sent back is continued: its calls are done, the rest follow.
  const earlier: Exchange[] = exchangesOf(continuedBlocks(params.messages));
  const remaining = plan.server.slice(earlier.length);
  const paused = remaining.length > 0 && PAUSE.test(userText);
  const running = paused ? remaining.slice(0, 1) : remaining;
  const client = paused ? [] : plan.client;
  const schema = params.output_config?.format?.type === 'json_schema' ? params.output_config.format.schema : undefined;
  const places = thinkingPlaces(params);
  const omitted = (params.thinking as { display?: unknown } | undefined)?.display === 'omitted';
  const blocks: ContentBlock[] = [];
  let thoughts = 0;
  const think = (text: string): void => {
    const signature = `Sig${digest(`${key}#thinking${thoughts === 0 ? '' : thoughts}`, 93)}`;
    thoughts++;
    blocks.push({ type: 'thinking', thinking: omitted ? '' : text, signature } satisfies ThinkingBlock);
  };

  const callNames = unique([...running, ...client].map((call) => call.name));
  if (places.start) think(thinkingText({ messages: params.messages, userText, tools: callNames }));
  // Between a client tool's result and the answer; `adaptive` has just thought already.
  if (places.between && !places.start && results.length > 0) think(betweenToolsText({ done: 'The tool results are back.', next: [] }));
  // A forced tool_choice, a continued turn or a JSON-only reply has no preamble.
  if (callNames.length > 0 && !plan.forced && earlier.length === 0 && schema === undefined) {
    blocks.push({ type: 'text', text: toolPreamble(callNames) });
  }
  const made = runServerCalls({ calls: running, earlier, userText, key });
  made.forEach(({ use, result }, i) => {
    blocks.push(use, result);
    if (!places.between || (paused && i === made.length - 1)) return;
    const next = i + 1 < made.length ? [running[i + 1]?.name ?? ''] : client.map((call) => call.name);
    think(betweenToolsText({ done: `The ${use.name} call is done.`, next: unique(next) }));
  });
  if (paused) return { blocks, stopReason: 'pause_turn' };
  if (client.length > 0) {
    client.forEach((call, index) => {
      blocks.push({ type: 'tool_use', id: `toolu_${digest(`${key}#tool${index}`)}`, name: call.name, input: clientInput(call.tool) });
    });
    return { blocks, stopReason: 'tool_use' };
  }
  if (schema !== undefined) {
    blocks.push({ type: 'text', text: JSON.stringify(sampleValue(schema)) });
    return { blocks, stopReason: 'end_turn' };
  }
  const exchanges = [...earlier, ...made.map(({ use, result }) => ({ use, result: result as Exchange['result'] }))];
  const answers = exchanges.map(answerFor).filter((answer) => answer !== undefined);
  if (answers.length > 0) blocks.push(...answers);
  else blocks.push({ type: 'text', text: results.length > 0 ? toolResultReply(results, params.messages) : echoReply(userText) });
  return { blocks, stopReason: 'end_turn' };
}
