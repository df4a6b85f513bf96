// @parley/otel: OpenTelemetry for Parley, as a middleware of @parley/sdk.
export { otel, type OtelOptions } from './otel.js';
export type { CallContext, OtelMiddleware } from './middleware-shape.js';
export { VERSION } from './version.js';
