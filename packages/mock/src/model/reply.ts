// The deterministic "model": a request in, a complete Message out. Streaming is the
// same Message cut into events, so a streamed reply and a JSON reply always agree.
import type { ContentBlock, CreateMessageParams, Message, Tool } from '@parley/core';
import { digest } from '../hash.js';
import { lastUserMessage, textOf, toolResultsOf } from './conversation.js';
import { sampleInput } from './sample-schema.js';
import { echoReply, thinkingText, toolPreamble, toolResultReply } from './text.js';
import { planTools } from './tool-choice.js';
import { countInputTokens, countJsonTokens, countTokens, takeTokens } from './tokens.js';

/** The earliest stop sequence in `text`, with where it starts. */
function findStopSequence(text: string, sequences: string[]): { at: number; sequence: string } | undefined {
  let best: { at: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (!sequence) continue;
    const at = text.indexOf(sequence);
    if (at >= 0 && (best === undefined || at < best.at)) best = { at, sequence };
  }
  return best;
}

/** The blocks the model would write with no limits. */
function draftBlocks(params: CreateMessageParams, key: string): ContentBlock[] {
  const user = lastUserMessage(params.messages);
  const userText = textOf(user);
  const results = toolResultsOf(user);
  const plan = planTools(params, { userText, hasToolResults: results.length > 0 });
  const blocks: ContentBlock[] = [];
  if (params.thinking?.type === 'enabled') {
    const thinking = thinkingText({ messages: params.messages, userText, tools: plan.tools });
    blocks.push({ type: 'thinking', thinking, signature: `Sig${digest(`${key}#thinking`, 93)}` });
  }
  if (plan.tools.length === 0) {
    const text = results.length > 0 ? toolResultReply(results, params.messages) : echoReply(userText);
    blocks.push({ type: 'text', text });
    return blocks;
  }
  // A forced tool_choice makes the model call the tool straight away, without a preamble.
  if (!plan.forced) blocks.push({ type: 'text', text: toolPreamble(plan.tools) });
  plan.tools.forEach((tool: Tool, index) => {
    blocks.push({
      type: 'tool_use',
      id: `toolu_${digest(`${key}#tool${index}`)}`,
      name: tool.name,
      input: sampleInput(tool.input_schema),
    });
  });
  return blocks;
}

function blockTokens(block: ContentBlock): number {
  if (block.type === 'tool_use') return countTokens(block.name) + countJsonTokens(block.input);
  if (block.type === 'thinking') return countTokens(block.thinking);
  if (block.type === 'text') return countTokens(block.text);
  return 0;
}

/**
 * The reply to a message request: deterministic blocks cut by `stop_sequences` and
 * `max_tokens`, with usage counted by the same tokenizer as `count_tokens`.
 */
export function buildMessage(params: CreateMessageParams): Message {
  const { stream: _stream, ...rest } = params;
  // Streamed or not, the same request gets the same message (and id).
  const key = JSON.stringify(rest);
  const drafts = draftBlocks(params, key);
  const content: ContentBlock[] = [];
  let stopReason = drafts.some((block) => block.type === 'tool_use') ? 'tool_use' : 'end_turn';
  let stopSequence: string | null = null;
  let used = 0;
  for (const draft of drafts) {
    const left = params.max_tokens - used;
    if (draft.type === 'tool_use') {
      // A tool call is all or nothing: half an input would not be valid JSON.
      if (blockTokens(draft) > left) {
        stopReason = 'max_tokens';
        break;
      }
      content.push(draft);
      used += blockTokens(draft);
      continue;
    }
    let text = draft.type === 'text' ? draft.text : draft.type === 'thinking' ? draft.thinking : '';
    const stop = draft.type === 'text' ? findStopSequence(text, params.stop_sequences ?? []) : undefined;
    if (stop) text = text.slice(0, stop.at);
    const taken = takeTokens(text, left);
    if (taken.text) {
      content.push(draft.type === 'thinking' ? { ...draft, thinking: taken.text } : { type: 'text', text: taken.text });
      used += countTokens(taken.text);
    }
    if (taken.cut) {
      stopReason = 'max_tokens';
      break;
    }
    if (stop) {
      stopReason = 'stop_sequence';
      stopSequence = stop.sequence;
      break;
    }
  }
  return {
    id: `msg_${digest(key)}`,
    type: 'message',
    role: 'assistant',
    model: params.model,
    content,
    stop_reason: stopReason,
    stop_sequence: stopSequence,
    usage: {
      input_tokens: countInputTokens(params),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: used,
      service_tier: 'standard',
    },
  };
}
