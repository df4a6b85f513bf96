// The front door of structured output: the public types of `messages.parse()` and the
// loader of the implementation (../structured-output/), which loads on first use so an
// app that never asks for structured output does not download it.
import type { JSONOutputFormat, OutputConfig } from '@parley/core';
import type { OutputOf } from '@parley/tools';
import { loadOnFirstUse } from '../load-on-first-use.js';
import type * as Implementation from '../structured-output/index.js';
import type { CreateMessageParamsBase } from './messages.js';

/** `output_config` with a format that may be an output format from `outputFormat()`. */
export type ParseOutputConfig = Omit<OutputConfig, 'format'> & { format: JSONOutputFormat };

/** The parameters of `messages.parse()`: a message request whose `output_config.format` is required. */
export type ParseMessageParams = Omit<CreateMessageParamsBase, 'output_config'> & { output_config: ParseOutputConfig };

/** The type of `parsed_output` for a request: the output format's type, or `unknown` for a plain JSON Schema. */
export type ParsedOutputOf<P> = P extends { output_config?: { format?: infer F } | null } ? OutputOf<F> : unknown;

/** The implementation, loaded on the first call. */
export const structuredOutput = /* @__PURE__ */ loadOnFirstUse<typeof Implementation>(() => import('../structured-output/index.js'));
