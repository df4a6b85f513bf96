import { RequestValidationError } from '@parley/errors';
import type { RequestOptions } from '../../options.js';
import type { ClientContext, prepareCall } from '../call.js';

/** What the API accepts as a `custom_id`. */
export const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

/** One request of a batch, where it stands, and the options of the call that sends it. */
export interface BatchRequestCheck {
  request: unknown;
  /** Its position, for the error's path. */
  index: number;
  options: RequestOptions | undefined;
  /** The client's checks (see ../call.ts), handed over rather than imported: see `BatchesKit`. */
  prepareCall: typeof prepareCall;
}

/**
 * Checks one request of a batch: its shape and `custom_id` here, its `params` with the
 * same forward-compatible checks as `messages.create`. `undefined` when valid, else a
 * promise rejecting with a `RequestValidationError` whose path starts at `requests`.
 */
export function checkBatchRequest(context: ClientContext, { request, index, options, prepareCall }: BatchRequestCheck): Promise<void> | undefined {
  const invalid = (path: PropertyKey[], detail: string) => Promise.reject(new RequestValidationError({ path: ['requests', index, ...path], rule: 'invalid_value', detail }));
  if (typeof request !== 'object' || request === null) return invalid([], 'each request is { custom_id, params }');
  const { custom_id: customId, params } = request as { custom_id?: unknown; params?: unknown };
  if (typeof customId !== 'string' || !CUSTOM_ID.test(customId)) return invalid(['custom_id'], "1 to 64 letters, digits, '_' or '-'");
  if (typeof params === 'object' && params !== null && (params as { stream?: unknown }).stream === true) return invalid(['params', 'stream'], 'a batch request cannot stream');
  const checked = prepareCall(context, options, { kind: 'createMessage', params });
  // The checks name paths inside `params`; the batch's path goes in front.
  return checked?.catch((error: unknown) => {
    if (!RequestValidationError.isInstance(error)) throw error;
    throw new RequestValidationError({ path: ['requests', index, 'params', ...error.path], rule: error.rule, detail: `request '${customId}': ${error.message}`, cause: error });
  });
}
