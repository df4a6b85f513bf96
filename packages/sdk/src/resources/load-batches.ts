// The front door of `client.messages.batches`. The batches client (calls, the JSON Lines
// reader, the bulk runner: resources/batches/) loads with `import()` on first use, so an
// app that only sends messages does not download it. Until then the property is a
// stand-in: reading a member gives a stand-in for that member, calling one gives a
// stand-in for what the call will return, and awaiting or iterating a stand-in does so
// on its value. `batches.create(params).withResponse()`, `for await (... of
// batches.list())` and `batches.run.resume(ids)` therefore read as if the module were
// already loaded. Nothing outside resources/batches/ may import a value from there, or a
// bundler puts it back in the initial load.
import { APIPromise } from '../api-promise.js';
import { loadOnFirstUse } from '../load-on-first-use.js';
import type { Batches } from './batches/batches.js';
import type * as BatchesModule from './batches/batches.js';
import { jsonCall, prepareCall, type ClientContext } from './call.js';
import { PageList } from './page-list.js';

// A box, so a value that is itself thenable (an APIPromise, a list) is not unwrapped on
// its way through a promise.
interface Box {
  v: unknown;
}

type Members = Record<PropertyKey, unknown>;

const batchesModule = /* @__PURE__ */ loadOnFirstUse<typeof BatchesModule>(() => import('./batches/batches.js'));

// A value: not callable (a plain object target), so tools that call whatever is a
// function (`expect(value).rejects` does) leave it alone.
const value = (box: Promise<Box>): object =>
  new Proxy(
    {},
    {
      get: (_, key) =>
        key === 'then'
          ? (...callbacks: Parameters<Promise<unknown>['then']>) => box.then((b) => b.v).then(...callbacks)
          : key === Symbol.asyncIterator
            ? async function* () {
                yield* (await box).v as AsyncIterable<unknown>;
              }
            : typeof key === 'symbol'
              ? undefined
              : member(box, key),
    },
  );

// `key` of the value in `box`: called as a method of it, or read further.
const member = (box: Promise<Box>, key: PropertyKey): object =>
  new Proxy(() => undefined, {
    get: (_, next) => member(box.then((b) => ({ v: (b.v as Members)[key] })), next),
    apply: (_, __, args: unknown[]) => value(box.then((b) => ({ v: Reflect.apply((b.v as Members)[key] as (...a: unknown[]) => unknown, b.v, args) }))),
  });

/** `client.messages.batches` for one client: see {@link Batches}. */
export function lazyBatches(context: ClientContext): Batches {
  return value(batchesModule().then((module) => ({ v: new module.Batches(context, [APIPromise, PageList, jsonCall, prepareCall]) }))) as Batches;
}
