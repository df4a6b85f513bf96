// Which way to ask for structured output, and what `'auto'` learns along the way.
import { APIError } from '@parley/errors';
import type { ClientContext } from '../resources/call.js';
import type { StructuredOutputMode } from '../options.js';

const MODES: readonly StructuredOutputMode[] = ['native', 'tool', 'auto'];

/** The mode of one call: the call's option, else the client's, else `'auto'`; `'auto'` becomes `'tool'` once learnt. */
export function modeFor(context: ClientContext, option: StructuredOutputMode | undefined): StructuredOutputMode {
  const mode = option ?? context.structuredOutput ?? 'auto';
  if (!MODES.includes(mode)) {
    throw new TypeError(`structuredOutput must be 'native', 'tool' or 'auto', got ${JSON.stringify(mode)}.`);
  }
  return mode === 'auto' && context.outputAsTool === true ? 'tool' : mode;
}

/** Whether `error` is a 400 saying the server does not take `output_config` (and not a 400 about anything else). */
export function refusesOutputConfig(error: unknown): boolean {
  return APIError.isInstance(error) && error.status === 400 && /output_config|output_format/i.test(error.message);
}

/** Remembers, for this client, that structured output goes as a tool call from now on, and says so once. */
export function switchToTool(context: ClientContext, why: string): void {
  if (context.outputAsTool === true) return;
  context.outputAsTool = true;
  context.logger.warn(`structuredOutput 'auto': ${why}; asking for structured output as a tool call from now on (this client and base URL).`);
}
