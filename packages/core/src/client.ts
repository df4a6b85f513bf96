import { createClient, createConfig, type Client } from './generated/client/index.js';

/** Settings for {@link createCoreClient}. */
export interface CoreClientOptions {
  /** Origin (and optional path prefix) the `/v1/...` paths are appended to. Default `https://api.anthropic.com`. */
  baseUrl?: string;
  /** The `fetch` to send requests with. Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Headers sent with every request (auth, `anthropic-version`, ...). */
  headers?: Record<string, string>;
}

/**
 * Builds a client configuration of its own, so two callers never share state through
 * the generated module-level singleton. Pass the result as `client` to the operations.
 *
 * @example
 * const client = createCoreClient({ baseUrl: 'http://127.0.0.1:4010', headers: { 'x-api-key': key } });
 * const { data, error } = await createMessage({ client, body: { model, max_tokens: 64, messages } });
 */
export function createCoreClient(options: CoreClientOptions = {}): Client {
  return createClient(
    createConfig({
      baseUrl: options.baseUrl ?? 'https://api.anthropic.com',
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    }),
  );
}
