// What the mock can do with each kind of tool. Custom tools and Anthropic's client tools
// (bash, text editor, memory) are called with a `tool_use` the caller answers; web search,
// web fetch and code execution run on the "server" inside the turn. Tool search, the
// computer and browser toolsets, and tools of a `type` newer than the spec are accepted
// but never called: the mock has nothing sensible to make up for them.
import type { ToolUnion } from '@parley/core';
import { sampleInput } from './sample-schema.js';

/** How a tool is used: `client` tools end the turn with `tool_use`, the others run inside it. */
export type ToolKind = 'client' | 'web_search' | 'web_fetch' | 'code_execution' | 'bash_code_execution';

/** A tool as the request offered it, possibly of a `type` the spec does not know. */
export type OfferedTool = ToolUnion | { type: string; name?: unknown };

/** A tool the mock may call: its name and how it runs. */
export interface CallableTool {
  name: string;
  kind: ToolKind;
  tool: OfferedTool;
}

/** Anthropic's client tools, by `type`, with the name the API requires for each. */
const CLIENT_TYPES = new Set(['bash_20250124', 'text_editor_20250124', 'text_editor_20250429', 'text_editor_20250728', 'memory_20250818']);

/** How a tool of this `type` runs, or undefined when the mock never calls it. */
export function toolKind(tool: OfferedTool): ToolKind | undefined {
  const type = (tool as { type?: unknown }).type;
  if (type === undefined || type === null || type === 'custom') return 'client';
  if (typeof type !== 'string') return undefined;
  if (CLIENT_TYPES.has(type)) return 'client';
  if (type.startsWith('web_search_')) return 'web_search';
  if (type.startsWith('web_fetch_')) return 'web_fetch';
  // The first code execution tool runs Python; later versions run shell commands (and edit files).
  if (type === 'code_execution_20250522') return 'code_execution';
  if (type.startsWith('code_execution_')) return 'bash_code_execution';
  return undefined;
}

/** The tool's name, when it has one. */
export function toolName(tool: OfferedTool): string | undefined {
  const name = (tool as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

/** The tools of a request the mock may call, in the order offered. */
export function callableTools(tools: readonly OfferedTool[] | undefined): CallableTool[] {
  const callable: CallableTool[] = [];
  for (const tool of tools ?? []) {
    const name = toolName(tool);
    const kind = toolKind(tool);
    if (name !== undefined && kind !== undefined) callable.push({ name, kind, tool });
  }
  return callable;
}

/**
 * The input of a call to a client tool: generated from a custom tool's `input_schema`,
 * or, for Anthropic's client tools, a first step the docs show the model taking.
 */
export function clientInput(tool: OfferedTool): Record<string, unknown> {
  const type = (tool as { type?: unknown }).type;
  if (typeof type === 'string' && type.startsWith('bash_')) return { command: 'ls -la' };
  if (typeof type === 'string' && type.startsWith('text_editor_')) return { command: 'view', path: '/repo/README.md' };
  if (typeof type === 'string' && type.startsWith('memory_')) return { command: 'view', path: '/memories' };
  const schema = (tool as { input_schema?: unknown }).input_schema;
  return sampleInput(typeof schema === 'object' && schema !== null ? (schema as Record<string, unknown>) : {});
}
