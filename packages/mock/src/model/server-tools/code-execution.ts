// Simulated code execution. The mock runs nothing: the code it "writes" prints the
// subject of the call, and the output is that subject, so a test knows it in advance.
// `code_execution_20250522` runs Python; later versions run shell commands, with their
// own block names (`bash_code_execution`), as the official docs describe.
import type { BashCodeExecutionToolResultBlock, CodeExecutionToolResultBlock, TextBlock } from '@parley/core';

/** The input of a call: Python for the first version, a shell command for the later ones. */
export function codeInput(subject: string, flavour: 'code_execution' | 'bash_code_execution'): { code: string } | { command: string } {
  if (flavour === 'code_execution') return { code: `print(${JSON.stringify(subject)})` };
  return { command: `echo '${subject.replaceAll("'", "'\\''")}'` };
}

/** The result block of a run, with `subject` and a newline as its standard output. */
export function codeResult(options: { id: string; subject: string; flavour: 'code_execution' | 'bash_code_execution' }): CodeExecutionToolResultBlock | BashCodeExecutionToolResultBlock {
  const output = { stdout: `${options.subject}\n`, stderr: '', return_code: 0, content: [] };
  if (options.flavour === 'code_execution') {
    return { type: 'code_execution_tool_result', tool_use_id: options.id, content: { type: 'code_execution_result', ...output } };
  }
  return { type: 'bash_code_execution_tool_result', tool_use_id: options.id, content: { type: 'bash_code_execution_result', ...output } };
}

/** The text that reports a run. */
export function codeAnswer(result: { content: unknown }): TextBlock {
  const content = result.content as { stdout?: unknown; return_code?: unknown } | null;
  if (typeof content?.stdout !== 'string') return { type: 'text', text: 'The code could not run.' };
  const printed = content.stdout.trim();
  return { type: 'text', text: printed ? `The code ran and printed: ${printed}` : 'The code ran and printed nothing.' };
}
