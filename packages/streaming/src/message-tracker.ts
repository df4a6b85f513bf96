import type { Message, MessageStreamEvent } from '@parley/core';
import { APIConnectionError } from '@parley/errors';
import { accumulate } from './accumulate.js';
import { closeAllInputs } from './tool-input.js';

/** How a body that ended cleanly ends the stream: with its final message, or with the error saying what is missing. */
export type TrackerEnd = { message: Message; implied: boolean } | { error: APIConnectionError };

/**
 * The messages of one stream: the snapshot of the current one, the last complete one,
 * and whether the body held a whole message when it ended.
 */
export class MessageTracker {
  snapshot: Message | undefined = undefined;
  final: Message | undefined = undefined;
  /** Whether the current message has had its `message_stop`. */
  stopped = false;

  /** Folds an event in; returns the snapshot it concerns (undefined before the first `message_start`). */
  take(event: MessageStreamEvent): Message | undefined {
    const type = event.type;
    let snapshot = this.snapshot;
    // Before message_start there is no message to change; the event still reaches iterators.
    if (snapshot === undefined && type !== 'message_start') return undefined;
    snapshot = accumulate(snapshot, event);
    if (type === 'message_start') {
      this.snapshot = snapshot;
      this.stopped = false;
    } else if (type === 'message_stop') {
      this.stopped = true;
      this.final = snapshot;
    }
    return snapshot;
  }

  /**
   * The body has ended. A message is whole after `message_stop`, or, for a relay that
   * leaves `message_stop` out, once `message_delta` has given the stop reason (`implied`).
   * Anything less is a connection that closed early.
   */
  end(): TrackerEnd {
    const snapshot = this.snapshot;
    if (snapshot === undefined) return { error: new APIConnectionError({ message: 'The stream ended without a message_start event.' }) };
    if (this.stopped) return { message: this.final ?? snapshot, implied: false };
    const stopReason: unknown = snapshot.stop_reason;
    if (stopReason === null || stopReason === undefined) {
      return { error: new APIConnectionError({ message: 'The stream ended before message_stop: the connection closed early.' }) };
    }
    closeAllInputs(snapshot.content);
    this.stopped = true;
    this.final = snapshot;
    return { message: snapshot, implied: true };
  }
}
