// The public surface of @parley/mock.

/** Version of @parley/mock, kept in step with package.json by the release flow. */
export const VERSION = '0.0.0';

export { createMockHandler } from './handler.js';
export { createMockFetch } from './fetch.js';
export { startMockServer } from './server.js';
export { MOCK_FAULT_HEADER } from './faults.js';
export type { CorsOption } from './cors.js';
export type { MockBatchOptions } from './batches/batch-store.js';
export type { StructuredOutputFault } from './structured-fault.js';
export type { MockFault, MockFetch, MockHandler, MockOptions, MockServer, MockServerOptions, RecordedRequest } from './types.js';
