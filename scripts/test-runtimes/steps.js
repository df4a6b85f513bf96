// The steps of the runtime scenario, in order: the report of every runtime must hold each one.
export const STEPS = [
  'create',
  'stream: text events, finalMessage()',
  'create({ stream: true }) iterated',
  'countTokens',
  'models.list',
  'tool runner: one round trip',
  '401 is an AuthenticationError',
  '529 once, then success (one retry)',
  'abort mid-stream keeps the partial message',
  'RequestValidationError before sending',
  'structured output: messages.parse',
  'batches: create, wait, results',
];

