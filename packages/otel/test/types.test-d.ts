// otel() is typed structurally (it needs nothing from the sdk): this proves it is an sdk Middleware.
import type { Middleware, MiddlewareContext } from '@parley/sdk';
import { describe, expectTypeOf, it } from 'vitest';
import { otel, type CallContext } from '../src/index.js';

describe('otel types', () => {
  it('is a middleware of @parley/sdk', () => {
    expectTypeOf(otel()).toExtend<Middleware>();
    expectTypeOf<MiddlewareContext>().toExtend<CallContext>();
  });
});
