import type { MessageStreamEvent } from '@parley/core';
import { type ChannelOwner, EventChannel } from './event-channel.js';

interface Subscriber {
  channel: EventChannel<unknown>;
  map: (event: MessageStreamEvent) => unknown;
}

/** The stream behind the iterators: `pull` when one waits for an event, `leave` when one stops early. */
export interface SubscriptionSource {
  pull(): void;
  leave(): void;
}

/** The iterators of one stream, each with its own queue, fed every event in order. */
export class Subscribers implements ChannelOwner {
  readonly #source: SubscriptionSource;
  // Replaced, never changed in place, so an iterator that stops during delivery is safe.
  #list: readonly Subscriber[] = [];

  constructor(source: SubscriptionSource) {
    this.#source = source;
  }

  /** A new iterator over the events from now on, each passed through `map` (undefined skips it). */
  add<T>(map: (event: MessageStreamEvent) => T | undefined): AsyncIterableIterator<T> {
    const channel = new EventChannel<T>(this);
    this.#list = [...this.#list, { channel: channel as EventChannel<unknown>, map }];
    return channel;
  }

  pull(): void {
    this.#source.pull();
  }

  leave(channel: EventChannel<unknown>): void {
    this.#list = this.#list.filter((other) => other.channel !== channel);
    this.#source.leave();
  }

  /** Whether some iterator waits for an event. */
  get hungry(): boolean {
    return this.#list.some((subscriber) => subscriber.channel.hungry);
  }

  deliver(event: MessageStreamEvent): void {
    for (const { channel, map } of this.#list) {
      const value = map(event);
      if (value !== undefined) channel.push(value);
    }
  }

  /** Ends every iterator after what it has queued: with `error`, or well. */
  close(error?: { value: unknown }): void {
    for (const { channel } of this.#list) channel.close(error);
    this.#list = [];
  }
}
