import type { HeaderSource } from './header-source.js';
// Secret redaction shared by every error: headers by name, free text by value.

const ALWAYS_SENSITIVE = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'set-cookie']);
// Matched against whole name segments, so `anthropic-ratelimit-tokens-remaining`
// (a count users need when they hit a 429) stays readable while `x-auth-token` does not.
const SENSITIVE_SEGMENTS = new Set(['key', 'apikey', 'token', 'secret', 'auth', 'password', 'passwd', 'credential', 'credentials', 'session', 'cookie', 'signature']);
const AUTH_SCHEME = /^(bearer|basic|token|apikey|digest)\s+(.+)$/i;
// Keys shaped like these are masked even when the caller did not tell us about them.
const KEY_PATTERNS: readonly RegExp[] = [/\bsk-ant-[A-Za-z0-9_-]{8,}/g, /\bsk-[A-Za-z0-9_-]{16,}/g, /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi];
const REDACTED = '(redacted)';
// Shorter values are hidden entirely: four characters of a short key give too much away.
const MIN_LENGTH_FOR_PREFIX = 12;

/** Whether a header (or query parameter) of this name may carry a credential. */
export function isSensitiveName(name: string): boolean {
  const lower = name.toLowerCase();
  if (ALWAYS_SENSITIVE.has(lower)) return true;
  return lower.split(/[-_.]/).some((segment) => SENSITIVE_SEGMENTS.has(segment) || segment.startsWith('auth'));
}

/**
 * Masks one secret: keeps at most its first four characters, ASCII only so the result
 * is still a valid header value.
 */
export function maskSecret(secret: string): string {
  return secret.length >= MIN_LENGTH_FOR_PREFIX ? `${secret.slice(0, 4)}...${REDACTED}` : REDACTED;
}

/** Masks a credential, keeping an auth scheme such as `Bearer` readable. */
function maskCredential(value: string): string {
  const scheme = AUTH_SCHEME.exec(value.trim());
  if (scheme?.[1] !== undefined && scheme[2] !== undefined) return `${scheme[1]} ${maskSecret(scheme[2])}`;
  return maskSecret(value);
}

function maskHeaderValue(name: string, value: string): string {
  return name.includes('cookie') ? REDACTED : maskCredential(value);
}

/** Reads headers in any shape fetch accepts into lower-cased name/value pairs without validating them. */
export function headerEntries(headers: HeaderSource | undefined): [string, string][] {
  if (headers === undefined) return [];
  const pairs: [string, string][] = [];
  if (typeof (headers as Headers).forEach === 'function' && !Array.isArray(headers)) {
    (headers as Headers).forEach((value, name) => pairs.push([name.toLowerCase(), value]));
  } else if (Array.isArray(headers)) {
    // Callers in plain JavaScript may hand over numbers; everything is read as text.
    for (const pair of headers as [unknown, unknown][]) pairs.push([String(pair[0]).toLowerCase(), String(pair[1])]);
  } else {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      pairs.push([name.toLowerCase(), String(value)]);
    }
  }
  return pairs;
}

/**
 * Copies headers into a plain object with lower-cased names, masking every value that
 * may be a credential (`x-api-key`, `authorization`, cookies, and any name with a
 * `key`, `token`, `secret` or `auth` segment). An auth scheme such as `Bearer` is kept.
 *
 * @example
 * redactHeaders({ 'X-Api-Key': 'sk-ant-api03-abcdef' });
 * // { 'x-api-key': 'sk-a...(redacted)' }
 */
export function redactHeaders(headers: HeaderSource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headerEntries(headers)) {
    const safe = isSensitiveName(name) ? maskHeaderValue(name, value) : value;
    out[name] = name in out ? `${out[name] ?? ''}, ${safe}` : safe;
  }
  return out;
}

/**
 * The credential values found in headers: each sensitive value, and the token after
 * an auth scheme (`Bearer <token>`), so they can be scrubbed from any text.
 */
export function secretsFromHeaders(headers: HeaderSource | undefined): string[] {
  const secrets: string[] = [];
  for (const [name, value] of headerEntries(headers)) {
    // Values this short are not real credentials, and masking them everywhere would wreck messages.
    if (!isSensitiveName(name) || value.trim().length < 4) continue;
    secrets.push(value.trim());
    const token = AUTH_SCHEME.exec(value.trim())?.[2];
    if (token !== undefined) secrets.push(token);
  }
  return secrets;
}

/**
 * Replaces every occurrence of the given secrets in `text` with a masked form, and
 * masks anything shaped like an Anthropic key (`sk-ant-…`), another `sk-` key or a
 * `Bearer` token even when it is not in the list.
 *
 * @example
 * redactSecrets('key sk-live-123456789 was rejected', ['sk-live-123456789']);
 * // 'key sk-l...(redacted) was rejected'
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a token inside a longer `Bearer <token>` value is not half-masked.
  const ordered = [...new Set(secrets)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  for (const secret of ordered) {
    if (out.includes(secret)) out = out.split(secret).join(maskCredential(secret));
  }
  for (const pattern of KEY_PATTERNS) {
    out = out.replace(pattern, (match, scheme?: string) =>
      typeof scheme === 'string' && scheme.length > 0 ? `${scheme} ${REDACTED}` : maskSecret(match),
    );
  }
  return out;
}

/** Whether `text` holds any of the secrets or anything shaped like a key. */
export function containsSecret(text: string, secrets: readonly string[]): boolean {
  return redactSecrets(text, secrets) !== text;
}
