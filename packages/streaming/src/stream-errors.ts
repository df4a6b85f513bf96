import { APIConnectionError, APITimeoutError, fromResponse, ParleyError } from '@parley/errors';
import type { AnyStreamEvent } from './events.js';

const EXCERPT = 80;

/** The body of a streaming response, or the error that stands in for it (an error status, no body). */
export async function bodyOf(response: Response): Promise<ReadableStream<Uint8Array> | ParleyError> {
  if (!response.ok) return fromResponse(response);
  if (response.body === null) return new APIConnectionError({ message: `The response (status ${response.status}) has no body to stream.` });
  return response.body;
}

/** Whether a failed fetch or read was an abort (fetch rejects with an `AbortError` when its signal fires). */
export function isAbortError(error: unknown): boolean {
  return errorName(error) === 'AbortError';
}

/** The error for a body (or response) that could not be read: the connection dropped or timed out. */
export function toReadError(error: unknown): ParleyError {
  if (ParleyError.isInstance(error)) return error;
  if (errorName(error) === 'TimeoutError') return new APITimeoutError({ cause: error });
  return new APIConnectionError({ cause: error });
}

/** The error for anything else that broke a running stream: a listener threw, say. */
export function toStreamError(error: unknown): ParleyError {
  if (ParleyError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ParleyError(`The stream failed: ${message}`, { cause: error });
}

/**
 * Parses a frame's data into an event. The JSON `type` names the event; a frame whose
 * JSON has none takes its type from the `event:` field.
 */
export function parseEvent(name: string | undefined, data: string): AnyStreamEvent {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new APIConnectionError({ message: `The stream sent data that is not JSON${where(name)}: ${excerpt(data)}` });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new APIConnectionError({ message: `The stream sent data that is not a JSON object${where(name)}: ${excerpt(data)}` });
  }
  const event = value as { type?: unknown };
  if (typeof event.type !== 'string' && name !== undefined) event.type = name;
  return event as AnyStreamEvent;
}

function where(name: string | undefined): string {
  return name === undefined ? '' : ` in a "${name}" event`;
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);
}

function errorName(error: unknown): string | undefined {
  if (error instanceof Error) return error.name;
  if (typeof DOMException !== 'undefined' && error instanceof DOMException) return error.name;
  return undefined;
}
