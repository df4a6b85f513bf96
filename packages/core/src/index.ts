// The public surface of @parley/core: the generated types, validators, their explanations
// and operations, re-exported by name. src/generated/ is produced by `pnpm generate`.
export {
  cancelMessageBatch,
  countTokens,
  createMessage,
  createMessageBatch,
  deleteMessageBatch,
  listMessageBatches,
  listModels,
  messageBatchResults,
  retrieveMessageBatch,
  retrieveModel,
} from './generated/sdk.gen.js';
export type { Options } from './generated/sdk.gen.js';
export type * from './generated/types.gen.js';
export { createClient, createConfig } from './generated/client/index.js';
export type { Client, Config, RequestOptions, RequestResult } from './generated/client/index.js';
export { createCoreClient, type CoreClientOptions } from './client.js';
// Also published alone as `@parley/core/validators`, which loads neither zod nor the schemas.
export { isCountTokensParams, isCreateMessageParams, pointerKeys, takeUnknownTypes, type UnknownType } from './generated/validators.gen.js';
// Why the checks said no, without zod (also published alone as `@parley/core/explain`).
export { explainRequest, type RequestIssue, type RequestKind } from './explain.js';
// The zod schemas are published only as `@parley/core/zod`, so zod is needed by the
// programs that use them and by no other.
