// The public surface of @parley/tools.
export { tool } from './tool.js';
export type { RunnableTool, ToolInputOf, ToolOptions, ToolRunContext, ToolRunObject, ToolRunResult } from './tool.js';
export { parseToolUses } from './parse-tool-uses.js';
export type { InvalidToolUse, ParsedToolUse, UnknownToolUse, ValidToolUse } from './parse-tool-uses.js';
export { runTools } from './run-tools.js';
export type { RunToolsOptions } from './run-tools.js';
export { toolRunner } from './tool-runner.js';
export { outputFormat, isOutputFormat } from './output-format.js';
export type { OutputFormat, OutputFormatOptions, OutputOf } from './output-format.js';
export { reduceOutputSchema } from './output-schema.js';
export type {
  ToolRunner,
  ToolRunnerClient,
  ToolRunnerFinal,
  ToolRunnerParams,
  ToolRunnerRequestOptions,
  ToolRunnerStream,
  ToolRunnerTurn,
} from './tool-runner-types.js';
export type {
  InferSchemaOutput,
  StandardJSONSchemaConverter,
  StandardSchemaIssue,
  StandardSchemaProps,
  StandardSchemaResult,
  StandardSchemaV1,
} from './standard-schema.js';

/** Version of @parley/tools, kept in step with package.json by the release flow. */
export const VERSION = '0.0.0';
