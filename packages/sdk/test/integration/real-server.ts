// What the global setup hands to the tests, and the helpers every test file uses.
import { describe, inject } from 'vitest';
import Parley, { type ClientOptions } from '../../src/index.js';
import type { ModelName, RealServers } from './provided.js';

export { failure } from '../helpers.js';

const provided = inject('realServers');

/** `describe`, skipped when the real-server tool is absent (the global setup said so in one line). */
export const describeReal = describe.skipIf(provided === null);

/** The running servers; only call it inside a test of {@link describeReal}. */
export function servers(): RealServers {
  if (provided === null) throw new Error('The real servers are not running.');
  return provided;
}

/** The name llama-server reports as `model`: the alias `start.sh` gives it. */
export const alias = (model: ModelName): string => `tiny-${model}`;

/** A client for one model's server, authenticated with `x-api-key` unless told otherwise. */
export function clientFor(model: ModelName, options: ClientOptions = {}): Parley {
  const { apiKey, urls } = servers();
  const auth = 'apiKey' in options || 'authToken' in options ? {} : { apiKey };
  return new Parley({ baseURL: urls[model], maxRetries: 0, ...auth, ...options });
}

/** A `fetch` that keeps the headers of every request sent through it (the client passes them in `init`). */
export function recordingFetch(): { fetch: typeof fetch; headers: Headers[] } {
  const headers: Headers[] = [];
  const recording: typeof fetch = (input, init) => {
    headers.push(new Headers(init?.headers));
    return fetch(input, init);
  };
  return { fetch: recording, headers };
}

