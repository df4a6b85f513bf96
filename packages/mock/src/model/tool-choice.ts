// Which tools the mock calls. It calls tools when `tool_choice` demands it (`any`,
// `tool`) or when the last user text names them, and stops calling them once tool
// results come back, so a tool loop always ends. A client tool is called once however
// often it is named; a server tool (web search, web fetch, code execution) runs once per
// mention, about the words that follow its name, so one turn can search twice.
import type { CreateMessageParams } from '@parley/core';
import { callableTools, toolName, type CallableTool, type OfferedTool } from './tool-kinds.js';

/** One call the model decides to make. */
export interface PlannedCall extends CallableTool {
  /** What the call is about: the words after the tool's name, or the whole user text. */
  subject: string;
}

/** The calls to make and whether the choice was forced by `tool_choice`. */
export interface ToolPlan {
  /** Server tool calls, run inside the turn, in the order the user named them. */
  server: PlannedCall[];
  /** Client tool calls, which end the turn with `tool_use`. */
  client: PlannedCall[];
  forced: boolean;
}

/** Most words a call's subject (a search query, a line to print) takes from the user text. */
const SUBJECT_WORDS = 20;
/** Words that join a tool's name to its subject ("web_search for ...") and are not part of it. */
const FILLER = new Set(['to', 'for', 'about', 'on', 'of', 'and', 'then', 'please', 'find', 'search', 'look', 'up', 'fetch', 'run', 'execute', 'print', 'use', 'with', 'it', 'tool']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function nameRegExp(name: string): RegExp {
  return new RegExp(`(^|[^A-Za-z0-9_-])(${escapeRegExp(name)})(?=$|[^A-Za-z0-9_-])`, 'gi');
}

interface Mention {
  tool: CallableTool;
  at: number;
  end: number;
}

/** Every whole-word mention of a tool's name in `text`, in text order. */
function mentions(tools: CallableTool[], text: string): Mention[] {
  const found: Mention[] = [];
  for (const tool of tools) {
    for (const match of text.matchAll(nameRegExp(tool.name))) {
      const at = match.index + (match[1]?.length ?? 0);
      found.push({ tool, at, end: at + tool.name.length });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

const isFiller = (word: string | undefined): boolean => FILLER.has((word ?? '').toLowerCase().replace(/[:,;]$/, ''));

/** The words of `text` without the filler around them and without closing punctuation. */
function cleanSubject(text: string): string {
  const words = text.replace(/^[\s:,;-]+/, '').split(/\s+/).filter(Boolean);
  while (words.length > 0 && isFiller(words[0])) words.shift();
  while (words.length > 0 && isFiller(words.at(-1))) words.pop();
  return words.slice(0, SUBJECT_WORDS).join(' ').replace(/[\s.,;:!?]+$/, '');
}

/** The user text without the tools' names: the subject of a call nobody named. */
function wholeSubject(text: string, tools: CallableTool[]): string {
  let rest = text;
  for (const tool of tools) rest = rest.replace(nameRegExp(tool.name), '$1');
  return cleanSubject(rest) || 'the Parley mock server';
}

/** The words after a mention, up to the next mention or the end of the sentence. */
function subjectAfter(text: string, mention: Mention, next: Mention | undefined): string {
  const tail = text.slice(mention.end, next?.at ?? text.length);
  const sentence = /[.?!](?=\s|$)|\n/.exec(tail);
  return cleanSubject(sentence ? tail.slice(0, sentence.index) : tail);
}

/**
 * A request problem `tool_choice` can have, as `[path, message]`, or undefined.
 * Anthropic rejects these with 400 too.
 */
export function toolChoiceProblem(params: Pick<CreateMessageParams, 'tools' | 'tool_choice'>): [string, string] | undefined {
  const choice = params.tool_choice;
  if (!choice || choice.type === 'auto' || choice.type === 'none') return undefined;
  const tools: readonly OfferedTool[] = params.tools ?? [];
  if (tools.length === 0) return ['tool_choice', 'tool_choice may only be specified while providing tools'];
  if (choice.type === 'tool' && !tools.some((tool) => toolName(tool) === choice.name)) {
    return ['tool_choice.name', `no tool named '${choice.name}' in tools`];
  }
  return undefined;
}

/** The calls for this turn (none when the user sent tool results). */
export function planTools(params: CreateMessageParams, options: { userText: string; hasToolResults: boolean }): ToolPlan {
  const tools = callableTools(params.tools);
  const choice = params.tool_choice ?? { type: 'auto' as const };
  const none: ToolPlan = { server: [], client: [], forced: false };
  if (tools.length === 0 || choice.type === 'none' || options.hasToolResults) return none;
  const text = options.userText;
  let found = mentions(tools, text);
  if (choice.type === 'tool') found = found.filter((mention) => mention.tool.name === choice.name);
  const calls: PlannedCall[] = [];
  found.forEach((mention, i) => {
    const isClient = mention.tool.kind === 'client';
    if (isClient && calls.some((call) => call.tool === mention.tool.tool)) return;
    const subject = isClient ? '' : subjectAfter(text, mention, found[i + 1]) || wholeSubject(text, tools);
    calls.push({ ...mention.tool, subject });
  });
  if (calls.length === 0 && choice.type !== 'auto') {
    const forced = choice.type === 'tool' ? tools.find((tool) => tool.name === choice.name) : tools[0];
    if (forced) calls.push({ ...forced, subject: forced.kind === 'client' ? '' : wholeSubject(text, tools) });
  }
  const client = calls.filter((call) => call.kind === 'client');
  return {
    server: calls.filter((call) => call.kind !== 'client'),
    client: choice.disable_parallel_tool_use === true ? client.slice(0, 1) : client,
    forced: choice.type !== 'auto',
  };
}
