// Structured output as a forced tool call, for servers without `output_config`: the
// schema becomes one tool the model must call, and its input is the output. What the
// request already says about tools is kept where the API allows a forced call beside it.
import type { CreateMessageParams, Tool } from '@parley/core';

/** The output as a tool: its name, description and (reduced, object-rooted) schema. */
export interface OutputTool {
  name: string;
  description?: string | undefined;
  schema: Record<string, unknown>;
}

/**
 * `params` asking for the output as a call of `output`: `output_config.format` removed
 * (the rest of `output_config`, such as `effort`, kept), the tool added to the user's
 * tools, and `tool_choice` forcing it.
 *
 * @throws TypeError when the request cannot carry a forced call: a `tool_choice` of its
 * own other than `auto`, thinking switched on (the API refuses forced calls with it),
 * a tool of the same name, or a schema whose root is not an object.
 */
export function asToolRequest<P extends CreateMessageParams>(params: P, output: OutputTool): P {
  const fix = 'or use structuredOutput: \'native\'';
  if (output.schema.type !== 'object') {
    throw new TypeError(`structuredOutput 'tool': the output schema must describe an object to be sent as a tool's input; ${fix}`);
  }
  const { output_config: config, tool_choice: choice, tools, ...rest } = params;
  if (choice !== undefined && choice.type !== 'auto') {
    throw new TypeError(
      `structuredOutput 'tool' forces tool_choice to the output tool, which conflicts with the request's tool_choice ${JSON.stringify(choice)}; remove it, ${fix}`,
    );
  }
  const thinking = rest.thinking?.type;
  if (thinking !== undefined && thinking !== 'disabled') {
    throw new TypeError(`structuredOutput 'tool' needs a forced tool call, which the API refuses with thinking (${thinking}); switch thinking off, ${fix}`);
  }
  if (tools?.some((candidate) => (candidate as { name?: unknown }).name === output.name)) {
    throw new TypeError(`structuredOutput 'tool': a tool is already named "${output.name}"; give the output another name with outputFormat(schema, { name })`);
  }
  const { format: _format, ...otherConfig } = config ?? {};
  const definition: Tool = {
    name: output.name,
    ...(output.description === undefined ? {} : { description: output.description }),
    input_schema: { ...output.schema, type: 'object' },
  };
  return {
    ...rest,
    ...(Object.keys(otherConfig).length > 0 ? { output_config: otherConfig } : {}),
    tools: [...(tools ?? []), definition],
    tool_choice: { type: 'tool', name: output.name, ...(choice?.disable_parallel_tool_use === undefined ? {} : { disable_parallel_tool_use: choice.disable_parallel_tool_use }) },
  } as P;
}
