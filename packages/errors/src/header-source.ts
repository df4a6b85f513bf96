/**
 * Headers in any of the shapes fetch accepts. Spelled out rather than `HeadersInit`,
 * which only the DOM lib declares: a Node project type-checking our `.d.ts` without
 * the DOM lib must still resolve every name.
 */
export type HeaderSource = Headers | [string, string][] | Record<string, string>;
