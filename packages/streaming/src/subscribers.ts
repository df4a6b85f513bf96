import type { MessageStreamEvent } from '@parley/core';
import { EventChannel } from './event-channel.js';

interface Subscriber {
  channel: EventChannel<unknown>;
  map: (event: MessageStreamEvent) => unknown;
}

/** The iterators of one stream, each with its own queue, fed every event in order. */
export class Subscribers {
  // Replaced, never changed in place, so an iterator that stops during delivery is safe.
  #list: readonly Subscriber[] = [];

  /**
   * A new iterator over the events from now on, each passed through `map` (undefined
   * skips it). `onPull` runs when it waits for an event, `onReturn` when it stops early.
   */
  add<T>(map: (event: MessageStreamEvent) => T | undefined, hooks: { onPull: () => void; onReturn: () => void }): AsyncIterableIterator<T> {
    const channel = new EventChannel<T>();
    const subscriber: Subscriber = { channel: channel as EventChannel<unknown>, map };
    this.#list = [...this.#list, subscriber];
    return channel.iterator({
      onPull: hooks.onPull,
      onReturn: () => {
        this.#list = this.#list.filter((other) => other !== subscriber);
        hooks.onReturn();
      },
    });
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
