import type { RunnableTool } from './tool.js';

/**
 * The tools by name, checked: each must come from `tool()`, and names must be unique,
 * since the model can only tell tools apart by name.
 */
export function indexTools<T extends RunnableTool>(tools: readonly T[]): Map<string, T> {
  if (!Array.isArray(tools)) throw new TypeError('tools: expected an array of tools made with tool()');
  const byName = new Map<string, T>();
  tools.forEach((candidate: unknown, index) => {
    if (!isRunnableTool(candidate)) {
      throw new TypeError(`tools[${index}]: expected a tool made with tool() (with definition, validate and run)`);
    }
    if (byName.has(candidate.name)) throw new TypeError(`tools[${index}]: a second tool is named "${candidate.name}"`);
    byName.set(candidate.name, candidate as T);
  });
  return byName;
}

function isRunnableTool(value: unknown): value is RunnableTool {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<RunnableTool>;
  return (
    typeof candidate.name === 'string' &&
    typeof candidate.definition === 'object' &&
    typeof candidate.validate === 'function' &&
    typeof candidate.run === 'function'
  );
}
