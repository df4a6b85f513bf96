// The one loader of lazily loaded parts of the client (the request checks, structured
// output): `import()` puts each in a chunk of its own, so an app pays for it only once
// it is used. Kept once loaded, since every `import()` goes through the module loader
// again (a resolve and a cache lookup), which costs more than a small call itself.

/** A module loaded on the first call; `ready` holds it once loaded, for callers that can skip an await. */
export interface LoadOnFirstUse<T> {
  (): Promise<T>;
  ready?: T;
}

/** Wraps `load` so it runs once; a failed load (a chunk a browser could not fetch) is tried again on the next call. */
export function loadOnFirstUse<T>(load: () => Promise<T>): LoadOnFirstUse<T> {
  let loading: Promise<T> | undefined;
  const get: LoadOnFirstUse<T> = () =>
    (loading ??= load().then(
      (loaded) => (get.ready = loaded),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  return get;
}
