type Listener = (...args: never[]) => void;

/** One registration: the listener, and whether it is called at most once. */
type Entry = readonly [listener: Listener, once: boolean];

/**
 * A small event emitter. Lists are replaced, never changed in place, so a listener that
 * adds or removes listeners while an event is being emitted cannot upset that emission.
 */
export class Listeners<Events extends { [K in keyof Events]: Listener }> {
  #lists = new Map<keyof Events, readonly Entry[]>();

  add<K extends keyof Events>(name: K, listener: Events[K], once: boolean): void {
    this.#lists.set(name, [...this.#list(name), [listener, once]]);
  }

  /** Removes one registration of `listener`, as Node's `EventEmitter` does. */
  remove<K extends keyof Events>(name: K, listener: Events[K]): void {
    const entry = this.#list(name).find((candidate) => candidate[0] === listener);
    if (entry !== undefined) this.#drop(name, entry);
  }

  has(name: keyof Events): boolean {
    return this.#list(name).length > 0;
  }

  emit<K extends keyof Events>(name: K, ...args: Parameters<Events[K]>): void {
    for (const entry of this.#list(name)) {
      if (entry[1]) this.#drop(name, entry);
      (entry[0] as (...a: Parameters<Events[K]>) => void)(...args);
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

  #list(name: keyof Events): readonly Entry[] {
    return this.#lists.get(name) ?? [];
  }

  #drop(name: keyof Events, entry: Entry): void {
    this.#lists.set(name, this.#list(name).filter((other) => other !== entry));
  }
}
