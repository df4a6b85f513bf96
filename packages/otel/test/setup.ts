// Telemetry the tests can read: the real OpenTelemetry SDKs with an in-memory span
// exporter and a metric reader collected on demand, and async context propagation.
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AggregationTemporality, MeterProvider, MetricReader, type DataPoint, type Histogram } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { startMockServer, type MockOptions, type MockServer } from '@parley/mock';
import { afterEach } from 'vitest';

export const API_KEY = 'sk-ant-api03-OTELTESTKEY-abcdefghijklmnop-0123456789';
export const MODEL = 'claude-sonnet-4-5';
export const PROMPT = 'Tell me about the lighthouse keeper named Orvalde';
export const PARAMS = {
  model: MODEL,
  max_tokens: 64,
  temperature: 0.5,
  top_p: 0.9,
  top_k: 40,
  stop_sequences: ['###'],
  system: 'You are a terse assistant for Orvalde',
  messages: [{ role: 'user' as const, content: PROMPT }],
};

context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

class TestReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A mock server closed after the test. */
export async function mock(options: MockOptions = {}): Promise<MockServer> {
  const server = await startMockServer({ apiKey: API_KEY, ...options });
  cleanups.push(() => server.close());
  return server;
}

/** A histogram's data points by metric name, each with its attributes and values. */
export type Points = Record<string, DataPoint<Histogram>[]>;

/** Fresh providers for one test, and ways to read what they recorded. */
export function telemetry() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new TestReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    tracerProvider,
    meterProvider,
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
    points: async (): Promise<Points> => {
      const { resourceMetrics } = await reader.collect();
      const out: Points = {};
      for (const scope of resourceMetrics.scopeMetrics) for (const metric of scope.metrics) out[metric.descriptor.name] = metric.dataPoints as DataPoint<Histogram>[];
      return out;
    },
  };
}

/** Everything exported, as one JSON text to search for what must not be there. */
export function exportedText(spans: readonly ReadableSpan[], points: Points): string {
  return JSON.stringify({
    spans: spans.map((span) => ({ name: span.name, attributes: span.attributes, events: span.events, status: span.status })),
    points,
  });
}
