// Prompts and completions in the shape the GenAI conventions give `gen_ai.input.messages`,
// `gen_ai.output.messages` and `gen_ai.system_instructions` (a list of messages, each a
// role and a list of typed parts). Only used with `captureContent: true`.

/** One part of a message, as the conventions' JSON schemas describe it. */
export type Part = { type: string } & Record<string, unknown>;

/** A message of the conventions: a role and its parts. */
export interface ConventionMessage {
  role: string;
  parts: Part[];
  finish_reason?: string;
}

type Block = { type?: unknown } & Record<string, unknown>;

/** One content block of the Messages API as a part of the conventions. */
export function partOf(block: Block): Part {
  switch (block.type) {
    case 'text':
      return { type: 'text', content: block.text };
    case 'thinking':
      return { type: 'reasoning', content: block.thinking };
    case 'tool_use':
      return { type: 'tool_call', id: block.id, name: block.name, arguments: block.input };
    case 'tool_result':
      return { type: 'tool_call_response', id: block.tool_use_id, response: block.content };
    default:
      // Images, documents, server tools...: their type only, never a payload that may be large.
      return { type: typeof block.type === 'string' ? block.type : 'unknown' };
  }
}

function partsOf(content: unknown): Part[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  return Array.isArray(content) ? content.map((block) => partOf(block as Block)) : [];
}

/** The request's messages, in the conventions' shape. */
export function inputMessages(messages: unknown): ConventionMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.map((message: { role?: unknown; content?: unknown }) => ({ role: String(message.role), parts: partsOf(message.content) }));
}

/** The system prompt as the conventions' system instructions: a list of parts. */
export function systemInstructions(system: unknown): Part[] | undefined {
  return system === undefined ? undefined : partsOf(system);
}

/** The conventions' finish reason for a Messages API stop reason. */
export function finishReason(stopReason: string | null | undefined): string {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_call';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}

/** The reply as the conventions' output messages (one message). */
export function outputMessages(content: unknown, stopReason: string | null | undefined): ConventionMessage[] {
  return [{ role: 'assistant', parts: partsOf(content), finish_reason: finishReason(stopReason) }];
}
