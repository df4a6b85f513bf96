// The sender's log lines, loaded the first time a client logs at 'info' or 'debug' (see
// request.ts): at the default level ('warn') none is written, so most apps never load them.
import { redactHeaders } from '@parley/errors';
import type { ClientLogger } from './logger.js';
import type { RequestSpec } from './request.js';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The 'debug' lines of one attempt: the request, then its response or its failure, with the time taken. */
export class AttemptLog {
  readonly #started = Date.now();
  readonly #logger: ClientLogger;
  readonly #what: string;

  constructor(logger: ClientLogger, method: string, url: string) {
    this.#logger = logger;
    this.#what = `${method} ${url}`;
  }

  /** Headers are redacted here, only for lines that are written: redacting costs more than a call answered from memory. */
  request(attempt: number, maxRetries: number, headers: Record<string, string>): void {
    this.#logger.debug(`request ${this.#what} (attempt ${attempt + 1} of ${maxRetries + 1})`, { headers: redactHeaders(headers) });
  }

  response(response: Response, requestId: string | undefined): void {
    this.#logger.debug(`response ${response.status} ${this.#what} in ${Date.now() - this.#started} ms`, { requestId, headers: redactHeaders(response.headers) });
  }

  failed(error: unknown): void {
    this.#logger.debug(`failed ${this.#what} after ${Date.now() - this.#started} ms`, { error: messageOf(error) });
  }
}

/** The 'info' line before a retry. `attempt` counts from 0, as in the sender's loop. */
export function logRetry(logger: ClientLogger, spec: RequestSpec, delay: number, attempt: number, maxRetries: number, error: unknown): void {
  logger.info(`retrying ${spec.method} ${spec.path} in ${Math.round(delay)} ms (attempt ${attempt + 2} of ${maxRetries + 1})`, { error: messageOf(error) });
}
