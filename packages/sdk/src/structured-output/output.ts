// The output a request asks for. Everything that reads it comes with the output format
// (from `outputFormat()`, which the user imports), so this chunk imports no code of the
// other packages and loading it adds nothing to what the client loads up front.
import type { JSONOutputFormat } from '@parley/core';
import type { OutputFormat } from '@parley/tools';
import type { OutputTool } from './tool-mode.js';

/**
 * The output format of a request, checked.
 * @throws TypeError when `format` is not an output format made by `outputFormat()`.
 */
export function requestedFormat(format: JSONOutputFormat | null | undefined): OutputFormat {
  if (typeof (format as Partial<OutputFormat> | null | undefined)?.read !== 'function') {
    throw new TypeError(
      'messages.parse: output_config.format must be an output format: outputFormat(schema) with a zod schema, ' +
        'a Standard Schema or a plain JSON Schema (import { outputFormat } from "@parley/sdk")',
    );
  }
  return format as OutputFormat;
}

/** The output as a tool, for `'tool'` mode. */
export const outputTool = (format: OutputFormat): OutputTool => ({ name: format.name, description: format.description, schema: format.schema });
