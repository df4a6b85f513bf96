import {
  context as otelContext,
  metrics,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Histogram,
  type MeterProvider,
  type Span,
  type TracerProvider,
} from '@opentelemetry/api';
import { inputMessages, outputMessages, systemInstructions } from './content.js';
import type { CallContext, OtelMiddleware } from './middleware-shape.js';
import { ATTR, CONTENT_EVENT, METRIC, PROVIDER, RETRY_EVENT } from './names.js';
import { tapEvents } from './stream-tap.js';
import { VERSION } from './version.js';

/** Settings for {@link otel}. */
export interface OtelOptions {
  /** Where spans go. Default: the global provider (`trace.setGlobalTracerProvider`). */
  tracerProvider?: TracerProvider | undefined;
  /** Where metrics go. Default: the global provider (`metrics.setGlobalMeterProvider`). */
  meterProvider?: MeterProvider | undefined;
  /**
   * Record prompts and completions (`gen_ai.input.messages`, `gen_ai.system_instructions`,
   * `gen_ai.output.messages`) on a span event. They may hold personal data. Default `false`.
   */
  captureContent?: boolean | undefined;
}

/** `gen_ai.operation.name` of the sdk operations this package records; others pass untouched. */
const OPERATIONS: Record<string, string | undefined> = {
  'messages.create': 'chat',
  'messages.stream': 'chat',
  'messages.countTokens': 'count_tokens',
};

interface Usage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
}

/** What a reply says, from a whole `Message` or gathered from the events of a stream. */
interface Reply {
  id?: string;
  model?: string;
  stop_reason?: string | null;
  usage?: Usage;
  content?: unknown[];
}

interface Instruments {
  tokens: Histogram;
  duration: Histogram;
  firstChunk: Histogram;
  perChunk: Histogram;
}

const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * The `error.type` of a failure: the API's error type (`overloaded_error`, ...) when the
 * server gave one, else the error's class name (`APITimeoutError`, ...); `_OTHER` otherwise.
 */
function errorType(error: unknown): string {
  if (isRecord(error)) {
    if (typeof error.type === 'string' && error.type !== '') return error.type;
    if (typeof error.name === 'string' && error.name !== '' && error.name !== 'Error') return error.name;
  }
  return '_OTHER';
}

/** The request attributes of the conventions, from the call's parameters. */
function requestAttributes(params: Record<string, unknown>, stream: boolean): Attributes {
  const attributes: Attributes = {};
  const set = (name: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[name] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) attributes[name] = value;
  };
  set(ATTR.requestModel, params.model);
  set(ATTR.requestMaxTokens, params.max_tokens);
  set(ATTR.requestTemperature, params.temperature);
  set(ATTR.requestTopP, params.top_p);
  set(ATTR.requestTopK, params.top_k);
  set(ATTR.requestStopSequences, params.stop_sequences);
  if (stream) attributes[ATTR.requestStream] = true;
  return attributes;
}

/** One traced call: its span, from the first attempt until the reply (or its stream) ends. */
class TracedCall {
  readonly #span: Span;
  readonly #instruments: Instruments;
  readonly #params: Record<string, unknown>;
  readonly #captureContent: boolean;
  /** Attributes every metric of this call carries. */
  readonly #metricAttributes: Attributes;
  readonly #started = performance.now();
  #streaming = false;
  #ended = false;
  #lastChunk: number | undefined;
  /** Why the previous attempt failed, for the retry event. */
  #lastFailure: Attributes = {};

  constructor(options: { span: Span; instruments: Instruments; params: Record<string, unknown>; captureContent: boolean; metricAttributes: Attributes; outcome: Promise<unknown> }) {
    this.#span = options.span;
    this.#instruments = options.instruments;
    this.#params = options.params;
    this.#captureContent = options.captureContent;
    this.#metricAttributes = options.metricAttributes;
    options.outcome.then(
      (value) => {
        // A stream's call settles when its headers arrive; its span ends with the body.
        if (!this.#streaming) this.#finish(isRecord(value) && !(value instanceof Response) ? value : {});
      },
      (error: unknown) => {
        this.#fail(error);
      },
    );
  }

  /** One attempt: sends the request with this call's span as the active one. */
  async attempt(request: Request, next: (request: Request) => Promise<Response>, attempt: number): Promise<Response> {
    if (attempt > 1) this.#span.addEvent(RETRY_EVENT, { 'parley.attempt': attempt, ...this.#lastFailure });
    let response: Response;
    try {
      response = await otelContext.with(trace.setSpan(otelContext.active(), this.#span), () => next(request));
    } catch (error) {
      this.#lastFailure = { [ATTR.errorType]: errorType(error) };
      throw error;
    }
    if (!response.ok) {
      this.#lastFailure = { 'http.response.status_code': response.status };
      return response;
    }
    if (response.body === null || response.headers.get('content-type')?.includes('text/event-stream') !== true) return response;
    this.#streaming = true;
    return new Response(tapEvents(response.body, this.#streamSink()), response);
  }

  #streamSink() {
    const reply: Reply & { content: Record<string, unknown>[]; json: string[] } = { content: [], json: [] };
    let failure: unknown;
    return {
      data: (json: string) => {
        // Most events are content deltas: time them without parsing unless content is captured.
        if (json.includes('"content_block_delta"')) {
          this.#chunk();
          if (!this.#captureContent) return;
        } else if (!json.includes('"message_start"') && !json.includes('"message_delta"') && !json.includes('"error"') && !(this.#captureContent && json.includes('"content_block_start"'))) {
          return;
        }
        let event: Record<string, unknown>;
        try {
          event = JSON.parse(json) as Record<string, unknown>;
        } catch {
          return;
        }
        gather(reply, event, (error) => (failure = error));
      },
      end: (error?: unknown, cancelled?: boolean) => {
        if (failure !== undefined) {
          // An `error` event came first: the stream failed with it, whoever closed the body.
          this.#fail(failure, reply);
          return;
        }
        if (error !== undefined || cancelled === true) {
          const type = errorType(error);
          this.#fail(error, reply, cancelled === true && type === '_OTHER' ? 'cancelled' : type);
          return;
        }
        for (const [index, json] of reply.json.entries()) {
          const block = reply.content[index];
          if (block !== undefined && json !== '') {
            try {
              block.input = JSON.parse(json);
            } catch {
              // A tool input cut short stays as it started.
            }
          }
        }
        this.#finish(reply);
      },
    };
  }

  #chunk(): void {
    const now = performance.now();
    if (this.#lastChunk === undefined) {
      const seconds = (now - this.#started) / 1000;
      this.#span.setAttribute(ATTR.responseTimeToFirstChunk, seconds);
      this.#instruments.firstChunk.record(seconds, this.#metricAttributes);
    } else {
      this.#instruments.perChunk.record((now - this.#lastChunk) / 1000, this.#metricAttributes);
    }
    this.#lastChunk = now;
  }

  /** The reply's attributes on the span; returns the metric attributes with the response model. */
  #record(reply: Reply): Attributes {
    const span = this.#span;
    if (typeof reply.id === 'string') span.setAttribute(ATTR.responseId, reply.id);
    if (typeof reply.model === 'string') span.setAttribute(ATTR.responseModel, reply.model);
    if (typeof reply.stop_reason === 'string') span.setAttribute(ATTR.responseFinishReasons, [reply.stop_reason]);
    const attributes = typeof reply.model === 'string' ? { ...this.#metricAttributes, [ATTR.responseModel]: reply.model } : this.#metricAttributes;
    const usage = reply.usage;
    if (usage !== undefined && this.#metricAttributes[ATTR.operationName] === 'chat') {
      const cacheRead = usage.cache_read_input_tokens ?? 0;
      const cacheCreation = usage.cache_creation_input_tokens ?? 0;
      // Anthropic counts cached tokens apart from `input_tokens`; the conventions count them in.
      const input = (usage.input_tokens ?? 0) + cacheRead + cacheCreation;
      const output = usage.output_tokens ?? 0;
      span.setAttributes({
        [ATTR.usageInputTokens]: input,
        [ATTR.usageOutputTokens]: output,
        [ATTR.usageCacheReadInputTokens]: cacheRead,
        [ATTR.usageCacheCreationInputTokens]: cacheCreation,
      });
      this.#instruments.tokens.record(input, { ...attributes, [ATTR.tokenType]: 'input' });
      this.#instruments.tokens.record(output, { ...attributes, [ATTR.tokenType]: 'output' });
    }
    if (this.#captureContent) {
      const event: Attributes = { [ATTR.inputMessages]: JSON.stringify(inputMessages(this.#params.messages)) };
      const system = systemInstructions(this.#params.system);
      if (system !== undefined) event[ATTR.systemInstructions] = JSON.stringify(system);
      if (reply.content !== undefined) event[ATTR.outputMessages] = JSON.stringify(outputMessages(reply.content, reply.stop_reason));
      span.addEvent(CONTENT_EVENT, event);
    }
    return attributes;
  }

  #finish(reply: Reply): void {
    if (this.#ended) return;
    this.#ended = true;
    const attributes = this.#record(reply);
    this.#instruments.duration.record((performance.now() - this.#started) / 1000, attributes);
    this.#span.end();
  }

  #fail(error: unknown, partial: Reply = {}, type = errorType(error)): void {
    if (this.#ended) return;
    this.#ended = true;
    // The error's type only: a message may quote the request.
    this.#span.setAttribute(ATTR.errorType, type);
    this.#span.setStatus({ code: SpanStatusCode.ERROR, message: type });
    const attributes = { ...this.#record(partial), [ATTR.errorType]: type };
    this.#instruments.duration.record((performance.now() - this.#started) / 1000, attributes);
    this.#span.end();
  }
}

/** Gathers what a stream event says into `reply`; an `error` event is reported to `fail`. */
function gather(reply: Reply & { content: Record<string, unknown>[]; json: string[] }, event: Record<string, unknown>, fail: (error: unknown) => void): void {
  switch (event.type) {
    case 'message_start': {
      const message = isRecord(event.message) ? (event.message as Reply) : {};
      reply.id = message.id;
      reply.model = message.model;
      reply.usage = { ...message.usage };
      break;
    }
    case 'message_delta': {
      const delta = isRecord(event.delta) ? event.delta : {};
      if (typeof delta.stop_reason === 'string') reply.stop_reason = delta.stop_reason;
      if (isRecord(event.usage)) {
        // The final counts: output always, input and cache counts when the server sends them again.
        for (const [name, value] of Object.entries(event.usage)) if (typeof value === 'number') (reply.usage ??= {})[name as keyof Usage] = value;
      }
      break;
    }
    case 'content_block_start': {
      const index = typeof event.index === 'number' ? event.index : reply.content.length;
      reply.content[index] = isRecord(event.content_block) ? { ...event.content_block } : {};
      reply.json[index] = '';
      break;
    }
    case 'content_block_delta': {
      const block = typeof event.index === 'number' ? reply.content[event.index] : undefined;
      const delta = isRecord(event.delta) ? event.delta : {};
      if (block === undefined) break;
      if (delta.type === 'text_delta' && typeof delta.text === 'string') block.text = textOf(block.text) + delta.text;
      else if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') block.thinking = textOf(block.thinking) + delta.thinking;
      else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string' && typeof event.index === 'number') reply.json[event.index] = textOf(reply.json[event.index]) + delta.partial_json;
      break;
    }
    case 'error':
      fail(isRecord(event.error) ? event.error : event);
      break;
  }
}

/**
 * A middleware for @parley/sdk that records every message call with OpenTelemetry, as
 * the GenAI semantic conventions describe it: a client span per call (`chat {model}`)
 * with the request settings, the reply's id, model, finish reason and token usage (a
 * stream's span ends with the stream), and the metrics `gen_ai.client.token.usage`,
 * `gen_ai.client.operation.duration`, `gen_ai.client.operation.time_to_first_chunk` and
 * `gen_ai.client.operation.time_per_output_chunk`. A span around the call is its parent.
 * Prompts and completions are recorded only with `captureContent: true`; credentials never.
 *
 * @example
 * import Parley from '@parley/sdk';
 * import { otel } from '@parley/otel';
 *
 * const client = new Parley({ middleware: [otel()] }); // the global tracer and meter providers
 */
export function otel(options: OtelOptions = {}): OtelMiddleware {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer('@parley/otel', VERSION);
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter('@parley/otel', VERSION);
  const histogram = (metric: (typeof METRIC)[keyof typeof METRIC]) =>
    meter.createHistogram(metric.name, { unit: metric.unit, description: metric.description, advice: { explicitBucketBoundaries: [...metric.buckets] } });
  const instruments: Instruments = {
    tokens: histogram(METRIC.tokenUsage),
    duration: histogram(METRIC.operationDuration),
    firstChunk: histogram(METRIC.timeToFirstChunk),
    perChunk: histogram(METRIC.timePerOutputChunk),
  };
  const captureContent = options.captureContent === true;
  // One traced call per call of the client: every attempt of a call shares its outcome.
  const calls = new WeakMap<Promise<unknown>, TracedCall>();

  return (request: Request, next: (request: Request) => Promise<Response>, context: CallContext): Promise<Response> => {
    const operationName = OPERATIONS[context.operation];
    if (operationName === undefined) return next(request);
    let call = calls.get(context.outcome);
    if (call === undefined) {
      const params = isRecord(context.params) ? context.params : {};
      const url = new URL(request.url);
      const server: Attributes = {
        [ATTR.serverAddress]: url.hostname,
        [ATTR.serverPort]: url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port),
      };
      const metricAttributes: Attributes = { [ATTR.operationName]: operationName, [ATTR.providerName]: PROVIDER, ...server };
      if (typeof params.model === 'string') metricAttributes[ATTR.requestModel] = params.model;
      const span = tracer.startSpan(
        typeof params.model === 'string' ? `${operationName} ${params.model}` : operationName,
        { kind: SpanKind.CLIENT, attributes: { [ATTR.operationName]: operationName, [ATTR.providerName]: PROVIDER, ...server, ...requestAttributes(params, context.operation === 'messages.stream' || params.stream === true) } },
        otelContext.active(),
      );
      call = new TracedCall({ span, instruments, params, captureContent, metricAttributes, outcome: context.outcome });
      calls.set(context.outcome, call);
    }
    return call.attempt(request, next, context.attempt);
  };
}
