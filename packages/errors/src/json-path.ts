const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Writes a path into a value the way JavaScript would access it:
 * `['messages', 0, 'content', 1, 'source', 'media_type']` becomes
 * `messages[0].content[1].source.media_type`. An empty path is `(root)`.
 *
 * @param root - a name to start from, e.g. `params` gives `params.messages[0]`.
 * @example
 * formatJsonPath(['tools', 2, 'input_schema']); // 'tools[2].input_schema'
 */
export function formatJsonPath(path: readonly PropertyKey[], root?: string): string {
  let out = root ?? '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'symbol') out += `[${String(segment)}]`;
    else if (IDENTIFIER.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out === '' ? '(root)' : out;
}
