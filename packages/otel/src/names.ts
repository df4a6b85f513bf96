// The names of the OpenTelemetry GenAI semantic conventions this package records, in one
// place. Written out rather than imported: @opentelemetry/semantic-conventions exports
// the gen_ai names only from its unstable `incubating` entry point.

/** Span and metric attributes. */
export const ATTR = {
  operationName: 'gen_ai.operation.name',
  providerName: 'gen_ai.provider.name',
  requestModel: 'gen_ai.request.model',
  requestMaxTokens: 'gen_ai.request.max_tokens',
  requestTemperature: 'gen_ai.request.temperature',
  requestTopP: 'gen_ai.request.top_p',
  requestTopK: 'gen_ai.request.top_k',
  requestStopSequences: 'gen_ai.request.stop_sequences',
  requestStream: 'gen_ai.request.stream',
  responseId: 'gen_ai.response.id',
  responseModel: 'gen_ai.response.model',
  responseFinishReasons: 'gen_ai.response.finish_reasons',
  responseTimeToFirstChunk: 'gen_ai.response.time_to_first_chunk',
  usageInputTokens: 'gen_ai.usage.input_tokens',
  usageOutputTokens: 'gen_ai.usage.output_tokens',
  usageCacheReadInputTokens: 'gen_ai.usage.cache_read.input_tokens',
  usageCacheCreationInputTokens: 'gen_ai.usage.cache_creation.input_tokens',
  tokenType: 'gen_ai.token.type',
  inputMessages: 'gen_ai.input.messages',
  outputMessages: 'gen_ai.output.messages',
  systemInstructions: 'gen_ai.system_instructions',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  errorType: 'error.type',
} as const;

// The conventions give every duration histogram the same boundaries.
const SECONDS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];

/** Histograms, with the unit and bucket boundaries the conventions give. */
export const METRIC = {
  tokenUsage: { name: 'gen_ai.client.token.usage', unit: '{token}', description: 'Number of input and output tokens used.', buckets: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864] },
  operationDuration: { name: 'gen_ai.client.operation.duration', unit: 's', description: 'GenAI operation duration.', buckets: SECONDS },
  timeToFirstChunk: { name: 'gen_ai.client.operation.time_to_first_chunk', unit: 's', description: 'Time to receive the first chunk of a streamed response.', buckets: SECONDS },
  timePerOutputChunk: { name: 'gen_ai.client.operation.time_per_output_chunk', unit: 's', description: 'Time between two chunks of a streamed response, after the first.', buckets: SECONDS },
} as const;

/** The span event that carries prompts and completions, when content is captured. */
export const CONTENT_EVENT = 'gen_ai.client.inference.operation.details';

/** The span event for each retry: not in the conventions, so in this package's namespace. */
export const RETRY_EVENT = 'parley.retry';

/** `gen_ai.provider.name` for the Messages API. */
export const PROVIDER = 'anthropic';
