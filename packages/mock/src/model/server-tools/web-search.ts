// A simulated web search: two or three made-up results per query, on example domains
// (or the tool's `allowed_domains`, minus its `blocked_domains`), and an answer whose
// citations point into them, shaped as Anthropic's `web_search_20250305` replies are.
import type { CitationsWebSearchResultLocation, TextBlock, WebSearchResultBlock, WebSearchToolResultBlock } from '@parley/core';
import { digest } from '../../hash.js';
import { encrypted, pageAge, resultDomains, slug, titleCase, type DomainRules } from './web-pages.js';

/** What the result at `index` says about `query`: the passage its citation quotes. */
function snippet(query: string, index: number): string {
  switch (index % 3) {
    case 0:
      return `An overview of ${query}, with the key facts in one place.`;
    case 1:
      return `${titleCase(query)}: background, recent developments and further reading.`;
    default:
      return `Common questions about ${query}, each answered in a few lines.`;
  }
}

/** The made-up results for `query`: the same query and domains always give the same pages. */
export function searchResults(query: string, rules: DomainRules): WebSearchResultBlock[] {
  const domains = resultDomains(rules);
  if (domains.length === 0) return [];
  // Two or three results, chosen by the query, so both list lengths turn up in tests.
  const count = 2 + (digest(query, 1).charCodeAt(0) % 2);
  const path = slug(query);
  const results: WebSearchResultBlock[] = [];
  for (let i = 0; i < count; i++) {
    const domain = domains[i % domains.length] ?? 'example.com';
    const url = `https://${domain}/${path}${i < domains.length ? '' : `-${i + 1}`}`;
    results.push({ type: 'web_search_result', url, title: `${titleCase(query)} | ${domain}`, encrypted_content: encrypted(`${url} ${query}`), page_age: pageAge(url) });
  }
  return results;
}

/** The result block of a search; `max_uses_exceeded` when the tool's `max_uses` is spent. */
export function webSearchResult(options: { id: string; query: string; rules: DomainRules; overLimit: boolean }): WebSearchToolResultBlock {
  const content: WebSearchToolResultBlock['content'] = options.overLimit
    ? { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' }
    : searchResults(options.query, options.rules);
  return { type: 'web_search_tool_result', tool_use_id: options.id, content };
}

/** What a result block sent back (a reply's or a request's) holds: its pages, or none on an error. */
function pages(content: unknown): { url: string; title: string }[] {
  if (!Array.isArray(content)) return [];
  return content.filter((item): item is { url: string; title: string } => typeof (item as { url?: unknown }).url === 'string' && typeof (item as { title?: unknown }).title === 'string');
}

/** The text that reports a search: one sentence per result, each result cited. */
export function webSearchAnswer(query: string, result: { content: unknown }): TextBlock {
  if (!Array.isArray(result.content)) {
    const code = (result.content as { error_code?: unknown } | null)?.error_code;
    return { type: 'text', text: `I could not search the web for "${query}" (${typeof code === 'string' ? code : 'error'}).` };
  }
  const found = pages(result.content);
  if (found.length === 0) return { type: 'text', text: `I searched the web for "${query}" and found nothing.` };
  const citations: CitationsWebSearchResultLocation[] = found.map((page, i) => {
    const cited = snippet(query, i);
    return { type: 'web_search_result_location', url: page.url, title: page.title, encrypted_index: encrypted(`${page.url}#${cited}`), cited_text: cited };
  });
  return { type: 'text', text: `Here is what the web says about "${query}": ${citations.map((c) => c.cited_text).join(' ')}`, citations };
}
