// Structured output, loaded on the first `messages.parse()` or `stream()` with an output
// format (see ../resources/structured-output.ts): nothing outside this folder imports a
// value from it.
export { parseMessage, sendStream, type MessageCreator } from './send.js';
