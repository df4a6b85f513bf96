// The words the mock "writes". Every reply is a function of the request, so a test can
// predict it, and echoes the user's words, so `stop_sequences` can be triggered on purpose.
import type { MessageParam, ToolResultBlockParam } from '@parley/core';
import { resultText, toolNamesById } from './conversation.js';
import { countTokens } from './tokens.js';

/** How many words of the user's text the reply quotes. */
const QUOTE_WORDS = 40;
/** How many words the reversed echo shows. */
const REVERSED_WORDS = 12;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/**
 * The answer to a plain text turn: three sentences quoting the text, describing it and
 * reversing its words.
 *
 * @example
 * echoReply('Hello there') // 'You said: "Hello there". That is 2 words and 11 characters; ...'
 */
export function echoReply(text: string): string {
  const all = words(text);
  if (all.length === 0) {
    return 'You sent no text I can read. This reply comes from the Parley mock server, which answers every request deterministically.';
  }
  const quoted = all.slice(0, QUOTE_WORDS).join(' ') + (all.length > QUOTE_WORDS ? ' ...' : '');
  const reversed = all.slice(0, REVERSED_WORDS).reverse().join(' ');
  const chars = Array.from(text).length;
  const count = `${all.length} word${all.length === 1 ? '' : 's'} and ${chars} character${chars === 1 ? '' : 's'}`;
  return (
    `You said: "${quoted}". ` +
    `That is ${count}; backwards, it reads "${reversed}". ` +
    'This reply comes from the Parley mock server, which answers every request deterministically.'
  );
}

/** The answer once tool results come back: what each tool returned. */
export function toolResultReply(results: readonly ToolResultBlockParam[], messages: readonly MessageParam[]): string {
  const names = toolNamesById(messages);
  const parts = results.map((result) => {
    const name = names.get(result.tool_use_id) ?? 'the tool';
    const said = words(resultText(result)).slice(0, QUOTE_WORDS).join(' ');
    if (result.is_error) return `${name} failed with "${said}".`;
    return said ? `${name} returned "${said}".` : `${name} returned nothing.`;
  });
  return `Here is what I found. ${parts.join(' ')} That completes the request.`;
}

/** The preamble written before calling tools when the model chose to call them itself. */
export function toolPreamble(names: readonly string[]): string {
  return `I will call ${names.join(' and ')} to answer that.`;
}

/** The reasoning shown in a thinking block at the start of a reply. */
export function thinkingText(options: { messages: readonly MessageParam[]; userText: string; tools: readonly string[] }): string {
  const turns = options.messages.length;
  const words = countTokens(options.userText);
  const plan = options.tools.length > 0 ? `call ${options.tools.join(' and ')}` : 'answer directly';
  return (
    `The conversation has ${turns} turn${turns === 1 ? '' : 's'}. ` +
    `The last user turn has ${words === 1 ? '1 word' : `${words} words`}. ` +
    `The best next step is to ${plan}, keeping the reply short and exact.`
  );
}

/** The short note written between tool calls: what came back and what comes next. */
export function betweenToolsText(options: { done: string; next: readonly string[] }): string {
  const next = options.next.length > 0 ? `call ${options.next.join(' and ')}` : 'write the answer';
  return `${options.done} Next I will ${next}.`;
}
