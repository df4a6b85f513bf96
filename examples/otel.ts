// OpenTelemetry for Parley: every message call becomes a span after the GenAI semantic
// conventions (model, tokens, finish reason, time to first chunk of a stream), printed
// here by the console exporter; in production, send them to your collector instead.
//
//   node examples/otel.ts
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { otel } from '@parley/otel';
import type { Parley } from '@parley/sdk';
import { model, runExample } from './run-example.ts';

// What @opentelemetry/sdk-node sets up for you: context that follows async calls, and
// a tracer provider (with `trace.setGlobalTracerProvider(tracerProvider)`, `otel()` needs no options).
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())] });

async function main(client: Parley): Promise<void> {
  // A span of the application around the calls: theirs are its children.
  const tracer = tracerProvider.getTracer('example');
  await tracer.startActiveSpan('answer a question', async (span) => {
    const message = await client.messages.create({ model, max_tokens: 256, messages: [{ role: 'user', content: 'Name three rivers.' }] });
    console.log(`created: ${message.usage.output_tokens} output tokens, ${message.stop_reason}\n`);
    const streamed = await client.messages.stream({ model, max_tokens: 256, messages: [{ role: 'user', content: 'And three lakes?' }] }).finalMessage();
    console.log(`streamed: ${streamed.usage.output_tokens} output tokens, ${streamed.stop_reason}\n`);
    span.end();
  });
  await tracerProvider.shutdown();
}

await runExample(main, {}, { middleware: [otel({ tracerProvider })] });
