import { APIConnectionError, fromResponse, type ParleyError } from '@parley/errors';
import type { ByteBody } from './byte-source.js';

/** Where the bytes come from: a response (or the promise of one), or a bare body. */
export type Origin = { response: Response | Promise<Response> } | { body: ByteBody };

/**
 * The body to read, once the response has arrived, or the error that stands in for it
 * (an error status, a response without a body). `onResponse` sees the response first;
 * when it returns false (the stream has ended meanwhile) the body is cancelled unread.
 * Rejects as the response promise does.
 */
export async function openOrigin(origin: Origin, onResponse: (response: Response) => boolean): Promise<ByteBody | ParleyError | undefined> {
  if ('body' in origin) return origin.body;
  const response = await origin.response;
  if (!onResponse(response)) {
    await response.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (!response.ok) return fromResponse(response);
  if (response.body === null) return new APIConnectionError({ message: `The response (status ${response.status}) has no body to stream.` });
  return response.body;
}
