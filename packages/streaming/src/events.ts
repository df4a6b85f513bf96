import type { MessageStreamEvent } from '@parley/core';

/**
 * A stream event of a type this version does not know (the API grows). It is passed
 * through exactly as received: yielded, given to `streamEvent` listeners, never dropped.
 */
export interface UnknownStreamEvent {
  type: string;
  [field: string]: unknown;
}

/** Any event a stream can carry: a known {@link MessageStreamEvent} or an {@link UnknownStreamEvent}. */
export type AnyStreamEvent = MessageStreamEvent | UnknownStreamEvent;
