// The made-up web the server tools see: pages on example domains (RFC 2606), named after
// what was asked, so nothing the mock returns points at a real site unless the user's
// `allowed_domains` name one. Everything is derived from its inputs, never from a clock.
import { digest } from '../../hash.js';

/** Where results come from when the tool does not restrict domains. */
const EXAMPLE_DOMAINS = ['example.com', 'example.org', 'example.net', 'example.edu'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** When every made-up page was "retrieved": a fixed time, as the mock has no clock. */
export const RETRIEVED_AT = '2025-06-01T12:00:00Z';

/** The host of a domain rule, which may be written with a scheme or a path. */
function host(rule: string): string {
  return rule.replace(/^[a-z]+:\/\//i, '').replace(/[/?#].*$/, '').replace(/^www\./, '').toLowerCase();
}

/** Whether `domain` is `rule` or one of its subdomains. */
function covered(domain: string, rule: string): boolean {
  const ruleHost = host(rule);
  const domainHost = host(domain);
  return ruleHost !== '' && (domainHost === ruleHost || domainHost.endsWith(`.${ruleHost}`));
}

/** The domain filters of a web search or web fetch tool. */
export interface DomainRules {
  allowed_domains?: string[] | null;
  blocked_domains?: string[] | null;
}

/** The domains results may come from: the allowed ones (or example domains) that are not blocked. */
export function resultDomains(rules: DomainRules): string[] {
  const allowed = rules.allowed_domains ?? [];
  const pool = allowed.length > 0 ? allowed.map(host) : EXAMPLE_DOMAINS;
  return [...new Set(pool)].filter((domain) => domain !== '' && !(rules.blocked_domains ?? []).some((rule) => covered(domain, rule)));
}

/** Whether a tool with these rules may open `url`. */
export function urlAllowed(url: string, rules: DomainRules): boolean {
  const allowed = rules.allowed_domains ?? [];
  if (allowed.length > 0 && !allowed.some((rule) => covered(url, rule))) return false;
  return !(rules.blocked_domains ?? []).some((rule) => covered(url, rule));
}

/** `tallest-building-in-paris` for "the tallest building in Paris?". */
export function slug(text: string): string {
  const words = text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9\s-]/g, ' ').split(/[\s-]+/).filter(Boolean);
  return words.slice(0, 8).join('-') || 'page';
}

/** Title case for a made-up page title. */
export function titleCase(text: string): string {
  return text.replace(/(^|\s)(\p{L})/gu, (_match, space: string, letter: string) => space + letter.toUpperCase());
}

/** A page age such as "March 14, 2025", the same for the same page. */
export function pageAge(url: string): string {
  const code = digest(url, 4);
  let n = 0;
  for (let i = 0; i < code.length; i++) n = n * 62 + code.charCodeAt(i);
  return `${MONTHS[n % 12] ?? 'January'} ${(n % 28) + 1}, 2025`;
}

/** An opaque value that stands for encrypted content: `Enc` and a digest of what it hides. */
export function encrypted(text: string): string {
  return `Enc${digest(text, 64)}`;
}
