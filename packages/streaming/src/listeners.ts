type Listener = (...args: never[]) => void;

interface Entry {
  listener: Listener;
  once: boolean;
}

/**
 * A small event emitter. Lists are replaced, never changed in place, so a listener that
 * adds or removes listeners while an event is being emitted cannot upset that emission.
 */
export class Listeners<Events extends { [K in keyof Events]: Listener }> {
  #lists = new Map<keyof Events, readonly Entry[]>();

  add<K extends keyof Events>(name: K, listener: Events[K], once: boolean): void {
    const list = this.#lists.get(name) ?? [];
    this.#lists.set(name, [...list, { listener, once }]);
  }

  /** Removes one registration of `listener`, as Node's `EventEmitter` does. */
  remove<K extends keyof Events>(name: K, listener: Events[K]): void {
    const list = this.#lists.get(name);
    if (list === undefined) return;
    const index = list.findIndex((entry) => entry.listener === listener);
    if (index === -1) return;
    this.#lists.set(name, [...list.slice(0, index), ...list.slice(index + 1)]);
  }

  has(name: keyof Events): boolean {
    const list = this.#lists.get(name);
    return list !== undefined && list.length > 0;
  }

  emit<K extends keyof Events>(name: K, ...args: Parameters<Events[K]>): void {
    const list = this.#lists.get(name);
    if (list === undefined || list.length === 0) return;
    for (const entry of list) {
      if (entry.once) this.#removeEntry(name, entry);
      (entry.listener as (...a: Parameters<Events[K]>) => void)(...args);
    }
  }

  /** Emits, ignoring what listeners throw: for events after the stream has ended, which nothing can change. */
  emitQuietly<K extends keyof Events>(name: K, ...args: Parameters<Events[K]>): void {
    try {
      this.emit(name, ...args);
    } catch {
      // See above.
    }
  }

  #removeEntry(name: keyof Events, entry: Entry): void {
    const list = this.#lists.get(name);
    if (list !== undefined) this.#lists.set(name, list.filter((other) => other !== entry));
  }
}
