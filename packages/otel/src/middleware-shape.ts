// The middleware shape of @parley/sdk, written out structurally so this package needs
// nothing from the sdk at run time or to type-check (test/types.test-d.ts checks that
// `otel()` is an sdk `Middleware`).

/** What `otel()` reads of the sdk's middleware context. */
export interface CallContext {
  /** `messages.create`, `messages.stream`, `messages.countTokens`, ... */
  readonly operation: string;
  /** The call's parameters. */
  readonly params: unknown;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** Settles once with the call's value or its final error; the same in every attempt. */
  readonly outcome: Promise<unknown>;
}

/** A middleware of @parley/sdk. */
export type OtelMiddleware = (request: Request, next: (request: Request) => Promise<Response>, context: CallContext) => Promise<Response>;
