// A simulated web fetch: the first URL in the user's words (or a made-up one on
// example.com) comes back as a plain-text document the mock writes itself, shaped as
// Anthropic's `web_fetch_20250910` replies are.
import type { TextBlock, WebFetchToolResultBlock } from '@parley/core';
import { RETRIEVED_AT, slug, titleCase, urlAllowed, type DomainRules } from './web-pages.js';

const URL_PATTERN = /https?:\/\/[^\s<>"')\]]+/;

/** The URL a fetch opens: the first one in `subject`, else in the user text, else one made up from the subject. */
export function fetchUrl(subject: string, userText: string): string {
  const found = URL_PATTERN.exec(subject) ?? URL_PATTERN.exec(userText);
  // A URL at the end of a sentence keeps its words, not the full stop after it.
  if (found) return found[0].replace(/[.,;:!?]+$/, '');
  return `https://example.com/${slug(subject)}`;
}

/** The title of the made-up page at `url`. */
function pageTitle(url: string): string {
  const path = new URL(url).pathname.split('/').filter(Boolean).at(-1);
  return path ? titleCase(decodeURIComponent(path).replace(/[-_]+/g, ' ')) : new URL(url).hostname;
}

/** The options of a web fetch tool the mock honours. */
export interface FetchRules extends DomainRules {
  citations?: { enabled?: boolean } | null;
}

/** The result block of a fetch: the page, or `url_not_allowed` / `max_uses_exceeded`. */
export function webFetchResult(options: { id: string; url: string; rules: FetchRules; overLimit: boolean }): WebFetchToolResultBlock {
  const { id, url, rules } = options;
  let allowed = false;
  try {
    allowed = urlAllowed(url, rules);
  } catch {
    // Not a URL at all: the fetch fails the way a malformed input does.
  }
  if (options.overLimit || !allowed) {
    const error_code = options.overLimit ? 'max_uses_exceeded' : 'url_not_allowed';
    return { type: 'web_fetch_tool_result', tool_use_id: id, content: { type: 'web_fetch_tool_result_error', error_code } };
  }
  const title = pageTitle(url);
  const data = `${title}\n\nThis page at ${url} was written by the Parley mock server. It reads the same every time it is fetched, so tests can rely on it.`;
  return {
    type: 'web_fetch_tool_result',
    tool_use_id: id,
    content: {
      type: 'web_fetch_result',
      url,
      retrieved_at: RETRIEVED_AT,
      content: { type: 'document', source: { type: 'text', media_type: 'text/plain', data }, title, citations: rules.citations?.enabled === true ? { enabled: true } : null },
    },
  };
}

/** The text that reports a fetch. */
export function webFetchAnswer(url: string, result: { content: unknown }): TextBlock {
  const content = result.content as { type?: unknown; error_code?: unknown; content?: { title?: unknown } } | null;
  if (content?.type !== 'web_fetch_result') {
    const code = typeof content?.error_code === 'string' ? content.error_code : 'error';
    return { type: 'text', text: `I could not fetch ${url} (${code}).` };
  }
  const title = typeof content.content?.title === 'string' ? content.content.title : url;
  return { type: 'text', text: `I fetched ${url}. The page is titled "${title}" and says it was written by the Parley mock server.` };
}
