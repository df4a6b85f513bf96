// Reading an error body of any shape: Anthropic's `{type:"error", error:{type,message},
// request_id}`, the OpenAI shape relays and llama.cpp send (`{error:{code,message,type}}`),
// other gateways' `{message}` / `{detail}`, plain text, a proxy's HTML page, nothing.

/** What an error body says, whatever its shape. */
export interface BodyInfo {
  /** How the body was written. */
  kind: 'json' | 'text' | 'html' | 'empty';
  /** The error type (`error.type`), e.g. `overloaded_error`. */
  type?: string;
  /** The error code some relays send (`error.code`), e.g. `401` or `rate_limit_exceeded`. */
  code?: string | number;
  /** The human-readable explanation, or a short single-line excerpt of a non-JSON body. */
  message?: string;
  /** The body's `request_id`. */
  requestId?: string;
}

const EXCERPT_LENGTH = 200;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** A single line of at most `max` characters, marked with `…` when cut. */
export function excerpt(text: string, max = EXCERPT_LENGTH): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}

/** Parses a body's text: JSON when it is JSON, the text otherwise, `undefined` when empty. */
export function parseBodyText(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (/^[[{"]/.test(trimmed)) {
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      // A truncated or invalid JSON body is kept as text, never thrown away.
    }
  }
  return text;
}

function isHtml(text: string): boolean {
  return /^\s*<(!doctype|html|head|body|title|h1|center|div|\?xml)/i.test(text) || /<html[\s>]/i.test(text);
}

function htmlExcerpt(html: string): string {
  const decode = (s: string) => s.replace(/&(#39|[a-z]+);/gi, (m, name: string) => ENTITIES[name.toLowerCase()] ?? m);
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  if (title !== undefined && title.trim() !== '') return excerpt(decode(title));
  const text = html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
  return excerpt(decode(text));
}

function stringify(value: unknown): string {
  try {
    // JSON.stringify gives undefined for a function or symbol, despite its declared type.
    const json = JSON.stringify(value) as unknown;
    return typeof json === 'string' ? json : String(value);
  } catch {
    return String(value);
  }
}

const asString = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value === '' ? undefined : value;
  return excerpt(stringify(value));
}

function describeObject(body: Record<string, unknown>): BodyInfo {
  const info: BodyInfo = { kind: 'json' };
  const error = body.error;
  if (typeof error === 'object' && error !== null) {
    const inner = error as Record<string, unknown>;
    info.type = asString(inner.type);
    const code = inner.code;
    if (typeof code === 'string' || typeof code === 'number') info.code = code;
    info.message = asText(inner.message);
  } else {
    info.message = asText(error);
  }
  // Some gateways put the type at the top level; Anthropic's top-level type is just "error".
  if (info.type === undefined && body.type !== 'error') info.type = asString(body.type);
  info.message ??= asText(body.message) ?? asText(body.detail) ?? asText(body.error_description) ?? asText(body.msg);
  info.message ??= excerpt(stringify(body));
  info.requestId = asString(body.request_id);
  return info;
}

/**
 * Reads the type, code, message and request id out of an error body of any shape.
 * A string body that holds JSON is parsed first.
 */
export function describeBody(body: unknown): BodyInfo {
  if (body === undefined || body === null) return { kind: 'empty' };
  if (typeof body === 'string') {
    const parsed = parseBodyText(body);
    if (parsed === undefined) return { kind: 'empty' };
    if (typeof parsed !== 'string') return describeBody(parsed);
    return isHtml(parsed) ? { kind: 'html', message: htmlExcerpt(parsed) } : { kind: 'text', message: excerpt(parsed) };
  }
  if (typeof body === 'object' && !Array.isArray(body)) return describeObject(body as Record<string, unknown>);
  return { kind: 'json', message: excerpt(stringify(body)) };
}
