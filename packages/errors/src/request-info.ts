import type { HeaderSource } from './header-source.js';
import { isSensitiveName, redactHeaders, secretsFromHeaders } from './redact.js';

/**
 * The request an error belongs to, as given to an error constructor: a `Request`, or
 * any object with the same optional fields. It is redacted before it is stored.
 */
export interface RequestInput {
  /** HTTP method, e.g. `POST`. */
  method?: string;
  /** The URL; credentials in its user info or query are masked. */
  url?: string | URL;
  /** The request headers; credentials are masked by header name. */
  headers?: HeaderSource;
}

/** The redacted request kept on an error: safe to log. */
export interface RequestSummary {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** Masks the user info and any credential-like query parameter of a URL. */
function redactUrl(url: string): { url: string; secrets: string[] } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { url, secrets: [] };
  }
  const secrets: string[] = [];
  if (parsed.password !== '') secrets.push(decodeURIComponent(parsed.password));
  if (parsed.username !== '') secrets.push(decodeURIComponent(parsed.username));
  parsed.username = '';
  parsed.password = '';
  for (const [name, value] of [...parsed.searchParams]) {
    if (!isSensitiveName(name) || value === '') continue;
    secrets.push(value);
    parsed.searchParams.set(name, 'redacted');
  }
  return { url: parsed.toString(), secrets: secrets.filter((s) => s.length >= 4) };
}

/**
 * Turns a request into its redacted summary and the secret values it carried, so the
 * caller can also scrub those values from messages, bodies and causes.
 */
export function summarizeRequest(request: RequestInput | undefined): {
  summary: RequestSummary | undefined;
  secrets: string[];
} {
  if (request === undefined) return { summary: undefined, secrets: [] };
  const rawUrl = request.url === undefined ? '' : String(request.url);
  const { url, secrets: urlSecrets } = redactUrl(rawUrl);
  const headers = request.headers;
  return {
    summary: {
      method: (request.method ?? 'GET').toUpperCase(),
      url,
      headers: headers === undefined ? {} : redactHeaders(headers),
    },
    secrets: [...secretsFromHeaders(headers), ...urlSecrets],
  };
}
