import { containsSecret, maskSecret, redactSecrets } from './redact.js';

// Deeper structures are cut off rather than walked: error bodies are shallow, and a
// cyclic or hostile value must not hang the error path.
const MAX_DEPTH = 8;
// Body keys whose values are credentials. Narrower than header names on purpose:
// `input_tokens` and friends are usage counts, not secrets.
const SENSITIVE_KEY = /^(x[-_])?(api[-_]?key|(proxy[-_])?authorization|(access|refresh|auth|bearer|session|id)[-_]?token|token|secret|client[-_]secret|password|cookie|set[-_]cookie)$/i;

const isCredential = (key: string, item: unknown): item is string => typeof item === 'string' && SENSITIVE_KEY.test(key);

/**
 * Returns `value` with every string scrubbed of secrets and every credential-named
 * field masked. Plain data is copied; the input is never mutated.
 */
export function scrubValue(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isCredential(key, item) ? maskSecret(item) : scrubValue(item, secrets, depth + 1);
  }
  return out;
}

function hasSecretInside(value: unknown, secrets: readonly string[], depth: number): boolean {
  if (typeof value === 'string') return containsSecret(value, secrets);
  if (typeof value !== 'object' || value === null || depth >= MAX_DEPTH) return false;
  if (value instanceof Error) {
    if (containsSecret(value.message, secrets) || containsSecret(value.stack ?? '', secrets)) return true;
    if (hasSecretInside(value.cause, secrets, depth + 1)) return true;
  }
  return Object.entries(value).some(
    ([key, item]) => isCredential(key, item) || hasSecretInside(item, secrets, depth + 1),
  );
}

const NATIVE_ERRORS: readonly ErrorConstructor[] = [TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError];

function copyError(error: Error, secrets: readonly string[], depth: number): Error {
  const cause = error.cause === undefined ? undefined : sanitizeCause(error.cause, secrets, depth + 1);
  // Keep the built-in class (a fetch failure is a TypeError); any other class becomes a plain Error.
  const Native = NATIVE_ERRORS.find((native) => error.constructor === native) ?? Error;
  const copy = new Native(redactSecrets(error.message, secrets), cause === undefined ? undefined : { cause });
  copy.name = error.name;
  copy.stack = redactSecrets(error.stack ?? `${error.name}: ${error.message}`, secrets);
  for (const [key, item] of Object.entries(error)) {
    (copy as unknown as Record<string, unknown>)[key] = isCredential(key, item) ? maskSecret(item) : scrubValue(item, secrets, depth + 1);
  }
  return copy;
}

/**
 * Makes a cause safe to attach. A cause holding no secret is kept as it is (so callers
 * can still inspect the original); otherwise it is replaced by a scrubbed copy of the
 * whole chain, keeping names, codes and stacks with the secrets masked.
 */
export function sanitizeCause(cause: unknown, secrets: readonly string[], depth = 0): unknown {
  if (!hasSecretInside(cause, secrets, depth)) return cause;
  if (cause instanceof Error) return copyError(cause, secrets, depth);
  return scrubValue(cause, secrets, depth);
}
