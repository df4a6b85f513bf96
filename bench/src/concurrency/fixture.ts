// Group D's reply and pacing: a text reply of about 2,000 tokens in deltas of three
// words or so, as a model writes it, which the mock drips to the client chunk by chunk.
import { textReply, type TextReply } from '../fixtures.ts';

/** How many text deltas the reply has (about three words each: about 2,000 tokens). */
export const DELTAS = 667;
/** The mock cuts the body into chunks of this many bytes... */
export const CHUNK_BYTES = 1024;

/**
 * ...and waits this long before each chunk after the first: N/10 ms, so a stream lasts
 * longer than opening all N connections takes and all N are open at once, while the
 * bytes per second stay within what two cores can send and read.
 */
export function dripMs(n: number): number {
  return Math.max(2, Math.round(n / 10));
}

let made: TextReply | undefined;

/** The reply every stream of group D gets (the same in the mock and in the client: built from one seed). */
export function concurrencyReply(): TextReply {
  return (made ??= textReply({ deltas: DELTAS, charsPerDelta: 16, seed: 4 }));
}
