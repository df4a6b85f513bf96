import { errorFromStatus } from '@parley/errors';
import { APIPromise } from '../api-promise.js';
import type { RequestOptions, StructuredOutputMode } from '../options.js';
import { checkRequestOptions } from '../options.js';
import type { ClientLogger } from '../logger.js';
import { loadOnFirstUse } from '../load-on-first-use.js';
import type { RequestSpec, Sender } from '../request.js';
import type * as ValidateModule from '../validate.js';

/** What a resource needs from its client. */
export interface ClientContext {
  /** Sends every request of the client. */
  sender: Sender;
  /** The client's `validate` setting. */
  validate: boolean;
  /** The client's logger, for what validation lets through with a warning. */
  logger: ClientLogger;
  /** The client's `structuredOutput` setting. */
  structuredOutput?: StructuredOutputMode | undefined;
  /** Set once `'auto'` found that this client's server needs structured output as a tool call. */
  outputAsTool?: boolean;
}

/** Which request schema to check parameters against. */
export type Check = ValidateModule.RequestKind;

// The checks load on first use; the `import type` above is erased from the build, so
// validate.js stays out of the initial load.
const validators = /* @__PURE__ */ loadOnFirstUse<typeof ValidateModule>(() => import('../validate.js'));

/**
 * Checks per-call options, then (unless validation is off for this call) the
 * parameters against the API schema, loading the checks on first use. Returns a
 * promise only while the checks load or when the parameters are invalid (it then
 * rejects with a `RequestValidationError`): most calls skip an await here.
 */
export function prepareCall(context: ClientContext, options: RequestOptions | undefined, check?: { kind: Check; params: unknown }): Promise<void> | undefined {
  checkRequestOptions(options);
  if (check === undefined || !(options?.validate ?? context.validate)) return undefined;
  const ready = validators.ready;
  if (ready !== undefined) return ready.checkRequest(check.kind, check.params, context.logger);
  return validators().then((loaded) => loaded.checkRequest(check.kind, check.params, context.logger));
}

/** Reads a successful response as JSON; a body that is not JSON becomes an `APIError` keeping an excerpt. */
export function readJSON<T>(response: Response): Promise<T> {
  // A `then`, not an async function: one promise fewer on every call.
  return response.text().then((text) => {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw errorFromStatus({
        status: response.status,
        headers: response.headers,
        body: text,
        message: `Expected a JSON body (status ${response.status}) but could not parse it: ${text.slice(0, 200)}`,
      });
    }
  });
}

/** Settings for {@link jsonCall}. */
export interface JsonCallOptions {
  context: ClientContext;
  /** The request; its body is sent as given. */
  spec: RequestSpec;
  /** The schema to check `spec.body` against before sending. */
  check?: Check;
}

/** A call whose successful answer is one JSON value. */
export function jsonCall<T>({ context, spec, check }: JsonCallOptions): APIPromise<T> {
  // Plain functions rather than async ones: a call whose schemas are loaded (all but the
  // first) goes straight to the sender without an extra promise in between.
  const prepared = <R>(send: () => Promise<R>): Promise<R> => {
    try {
      const loading = prepareCall(context, spec.options, check === undefined ? undefined : { kind: check, params: spec.body });
      return loading === undefined ? send() : loading.then(send);
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the checks threw, unchanged
      return Promise.reject(error);
    }
  };
  return new APIPromise<T>({
    parse: () => prepared(() => context.sender.send(spec, readJSON<T>)),
    raw: () => prepared(() => context.sender.send(spec)),
    decode: readJSON,
  });
}
