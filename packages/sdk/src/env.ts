// Reads configuration from the environment without assuming a runtime: Node and Bun
// expose `process.env`, Deno exposes `Deno.env` (which throws without --allow-env),
// browsers and workers expose neither.

interface DenoLike {
  env?: { get(name: string): string | undefined };
}

interface ProcessLike {
  env?: Record<string, string | undefined>;
}

/**
 * The value of an environment variable, trimmed, or `undefined` when it is unset, empty,
 * or the runtime has no environment (browsers) or refuses to show it (Deno without
 * `--allow-env`).
 */
export function readEnv(name: string): string | undefined {
  const scope = globalThis as { process?: ProcessLike; Deno?: DenoLike };
  let value: string | undefined;
  try {
    value = scope.process?.env?.[name] ?? scope.Deno?.env?.get(name);
  } catch {
    return undefined;
  }
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * Whether this code runs in a web page: a `window` with a `document`. Deno (which had a
 * `window` until 2.0) and web workers are not pages.
 */
export function isBrowserPage(): boolean {
  const scope = globalThis as { window?: unknown; document?: unknown };
  return typeof scope.window === 'object' && scope.window !== null && typeof scope.document === 'object' && scope.document !== null;
}

/**
 * Whether the runtime forbids or ignores a `user-agent` request header and would add it
 * to the CORS preflight: web pages and web workers.
 */
export function isBrowserLike(): boolean {
  const scope = globalThis as { importScripts?: unknown };
  return isBrowserPage() || typeof scope.importScripts === 'function';
}
