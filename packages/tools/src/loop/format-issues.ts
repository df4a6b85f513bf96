import type { StandardSchemaIssue } from '../standard-schema.js';

// Only the loop reports issues, so this lives here rather than in standard-schema.ts,
// which tool() loads with the initial bundle.
/**
 * Writes issues as one line, each as `path: message`, e.g.
 * `location: Invalid input: expected string, received number; days[2]: Too big`.
 */
export function formatIssues(issues: readonly StandardSchemaIssue[]): string {
  if (issues.length === 0) return 'the input was rejected';
  return issues
    .map((issue) => {
      const path = formatPath(issue.path ?? []);
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

function formatPath(path: readonly (PropertyKey | { readonly key: PropertyKey })[]): string {
  let out = '';
  for (const segment of path) {
    const key = typeof segment === 'object' ? segment.key : segment;
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'symbol') out += `[${key.toString()}]`;
    else out += out === '' ? key : `.${key}`;
  }
  return out;
}
