// The deterministic "model": a request in, a complete Message out. Streaming is the
// same Message cut into events, so a streamed reply and a JSON reply always agree.
import type { Container, ContentBlock, CreateMessageParams, Message, ServerToolUsage } from '@parley/core';
import { digest } from '../hash.js';
import { draftReply } from './draft.js';
import { countInputTokens, countJsonTokens, countTokens, takeTokens } from './tokens.js';

/** When every container "expires": a fixed time far ahead, as the mock has no clock. */
const CONTAINER_EXPIRES_AT = '2099-12-31T23:59:59Z';

/** The earliest stop sequence in `text`, with where it starts. */
function findStopSequence(text: string, sequences: readonly string[]): { at: number; sequence: string } | undefined {
  let best: { at: number; sequence: string } | undefined;
  for (const sequence of sequences) {
    if (!sequence) continue;
    const at = text.indexOf(sequence);
    if (at >= 0 && (best === undefined || at < best.at)) best = { at, sequence };
  }
  return best;
}

/** Output tokens of a block; what a server tool returns is not written by the model and costs none. */
function blockTokens(block: ContentBlock): number {
  if (block.type === 'tool_use' || block.type === 'server_tool_use') return countTokens(block.name) + countJsonTokens(block.input);
  if (block.type === 'thinking') return countTokens(block.thinking);
  if (block.type === 'text') return countTokens(block.text);
  return 0;
}

/** How many web searches and fetches ran, or undefined when neither was called (code execution is not counted here). */
function serverToolUsage(content: readonly ContentBlock[]): ServerToolUsage | undefined {
  if (!content.some((block) => block.type === 'server_tool_use' && (block.name === 'web_search' || block.name === 'web_fetch'))) return undefined;
  const ran = (type: string): number =>
    content.filter((block) => block.type === type && !String((block as { content?: { type?: unknown } }).content?.type).endsWith('_error')).length;
  return { web_search_requests: ran('web_search_tool_result'), web_fetch_requests: ran('web_fetch_tool_result') };
}

/** The container code ran in: the one the request names, or one named after the request. */
function containerOf(params: CreateMessageParams, content: readonly ContentBlock[], key: string): Container | undefined {
  if (!content.some((block) => block.type === 'code_execution_tool_result' || block.type === 'bash_code_execution_tool_result')) return undefined;
  const asked = params.container;
  const id = typeof asked === 'string' ? asked : (asked?.id ?? `container_${digest(`${key}#container`)}`);
  const skills = typeof asked === 'object' && asked?.skills ? asked.skills.map((skill) => ({ type: skill.type, skill_id: skill.skill_id, version: skill.version ?? 'latest' })) : null;
  return { id, expires_at: CONTAINER_EXPIRES_AT, skills };
}

/**
 * The reply to a message request: deterministic blocks cut by `stop_sequences` and
 * `max_tokens`, with usage counted by the same tokenizer as `count_tokens`.
 */
export function buildMessage(params: CreateMessageParams): Message {
  const { stream: _stream, ...rest } = params;
  // Streamed or not, the same request gets the same message (and id).
  const key = JSON.stringify(rest);
  const draft = draftReply(params, key);
  const content: ContentBlock[] = [];
  let stopReason: string = draft.stopReason;
  let stopSequence: string | null = null;
  let used = 0;
  for (const block of draft.blocks) {
    const left = params.max_tokens - used;
    if (block.type !== 'text' && block.type !== 'thinking') {
      // A tool call is all or nothing: half an input would not be valid JSON. Its result
      // follows only when the call was made.
      if (blockTokens(block) > left) {
        stopReason = 'max_tokens';
        break;
      }
      content.push(block);
      used += blockTokens(block);
      continue;
    }
    if (block.type === 'thinking' && block.thinking === '') {
      // Thinking shown only by its signature still takes a turn of generation.
      if (left <= 0) {
        stopReason = 'max_tokens';
        break;
      }
      content.push(block);
      continue;
    }
    let text = block.type === 'text' ? block.text : block.thinking;
    const stop = block.type === 'text' ? findStopSequence(text, params.stop_sequences ?? []) : undefined;
    if (stop) text = text.slice(0, stop.at);
    const taken = takeTokens(text, left);
    if (taken.text) {
      content.push(block.type === 'thinking' ? { ...block, thinking: taken.text } : { ...block, text: taken.text });
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
  const serverTools = serverToolUsage(content);
  const container = containerOf(params, content, key);
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
      ...(serverTools ? { server_tool_use: serverTools } : {}),
    },
    ...(container ? { container } : {}),
  };
}
