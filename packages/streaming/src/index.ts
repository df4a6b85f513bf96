// The public surface of @parley/streaming, by name.
export { decodeSSE, type SSEFrame } from './decode-sse.js';
export type { ByteBody } from './byte-source.js';
export type { AnyStreamEvent, UnknownStreamEvent } from './events.js';
export { accumulate } from './accumulate.js';
export { PartialJSON } from './partial-json.js';
export { PartialJSONError, type PartialJSONErrorOptions, type PartialJSONErrorReason } from './partial-json-error.js';
export { MessageStream } from './message-stream.js';
export type { EmittedValue, MessageStreamEvents, MessageStreamOptions } from './message-stream-types.js';
export { ParsedMessageStream, type ParsedMessageStreamEvents } from './parsed-message-stream.js';
export { parseOutputMessage, outputText, type DeepPartial, type OutputReader, type ParsedMessage } from './parsed-output.js';

/** Version of @parley/streaming, kept in step with package.json by the release flow. */
export const VERSION = '0.0.0';
