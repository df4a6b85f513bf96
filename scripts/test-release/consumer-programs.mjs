// The programs a user would write against the published packages. Each scenario's
// `body` is real code, serialized into the consumer project (ESM and CommonJS
// variants differ only in their import lines), so it runs exactly as shown here.
// `types` is a TypeScript file type-checked against the published .d.ts files.

/* global TextEncoder, ReadableStream, Response */

/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {string} description
 * @property {string[]} install what the user installs
 * @property {string} esm import lines of the .mjs program
 * @property {string} cjs require lines of the .cjs program
 * @property {string[]} names bindings handed to `body`
 * @property {(deps: any, io: { check: (ok: unknown, what: string) => void; log: (line: string) => void; write: (text: string) => void; label: string }) => Promise<void>} body
 * @property {string} types consumer TypeScript source
 */

/** @param {{ MessageStream: any }} deps @param {{ check: Function; log: Function }} io */
async function streamingConsumer({ MessageStream }, { check, log }) {
  const start = { id: 'msg_release_test', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 12, output_tokens: 1 } };
  const events = [
    { type: 'message_start', message: start },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'ping' },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hello' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ', wörld' } },
    { type: 'content_block_stop', index: 0 },
    { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 4 } },
    { type: 'message_stop' },
  ];
  const sse = events.map((event) => `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`).join('');
  const bytes = new TextEncoder().encode(sse);
  // Seven-byte reads split frames and the UTF-8 of "ö", as a network would.
  const body = new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.subarray(i, i + 7));
      controller.close();
    },
  });
  const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  const message = await MessageStream.fromResponse(response).finalMessage();
  const text = message.content.filter((/** @type {any} */ block) => block.type === 'text').map((/** @type {any} */ block) => block.text).join('');
  check(text === 'Hello, wörld', `final text is "Hello, wörld" (got ${JSON.stringify(text)})`);
  check(message.stop_reason === 'end_turn', `stop_reason end_turn (got ${message.stop_reason})`);
  check(message.usage.output_tokens === 4, `4 output tokens (got ${message.usage.output_tokens})`);
  log(`MessageStream.fromResponse(own SSE Response).finalMessage(): "${text}", stop_reason ${message.stop_reason}, ${message.usage.output_tokens} output tokens`);
}

/** @param {{ createCoreClient: any; createMessage: any; startMockServer: any }} deps @param {{ check: Function; log: Function }} io */
async function coreConsumer({ createCoreClient, createMessage, startMockServer }, { check, log }) {
  const server = await startMockServer({ port: 0 });
  try {
    const client = createCoreClient({ baseUrl: server.url, headers: { 'x-api-key': 'test', 'anthropic-version': '2023-06-01' } });
    const body = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello' }] };
    const result = await createMessage({ client, body });
    const status = result.response?.status;
    check(status === 200, `HTTP 200 from the mock (got ${status}: ${JSON.stringify(result.error)})`);
    const message = result.data;
    check(message?.type === 'message' && message.role === 'assistant', 'the reply is an assistant message');
    const text = message.content.filter((/** @type {any} */ block) => block.type === 'text').map((/** @type {any} */ block) => block.text).join('');
    check(text.length > 0, 'the reply has text');
    log(`createMessage via createCoreClient -> mock ${server.url}: ${message.id}, "${text.slice(0, 60)}", stop_reason ${message.stop_reason}`);
  } finally {
    await server.close();
  }
}

/** @param {{ Parley: any; NamedParley: any; startMockServer: any }} deps @param {{ check: Function; log: Function; write: Function; label: string }} io */
async function sdkConsumer({ Parley, NamedParley, startMockServer }, { check, log, write, label }) {
  check(typeof Parley === 'function' && Parley === NamedParley, 'the default export is the named export Parley');
  /** @param {{ content: { type: string; text?: string }[] }} message */
  const textOf = (message) => message.content.filter((block) => block.type === 'text').map((block) => block.text).join('');
  const server = await startMockServer({ port: 0 });
  try {
    const client = new Parley({ apiKey: 'test', baseURL: server.url });
    const params = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello' }] };
    const message = await client.messages.create(params);
    check(message.role === 'assistant' && textOf(message).length > 0, 'messages.create returns an assistant message with text');
    log(`messages.create: ${message.id}, "${textOf(message).slice(0, 60)}", stop_reason ${message.stop_reason}`);

    let printed = '';
    write(`[${label}] messages.stream printed: `);
    const stream = client.messages.stream(params);
    stream.on('text', (/** @type {string} */ delta) => {
      printed += delta;
      write(delta);
    });
    const final = await stream.finalMessage();
    write('\n');
    check(printed.length > 0 && printed === textOf(final), 'the streamed text deltas add up to the final message text');

    const counted = await client.messages.countTokens({ model: params.model, messages: params.messages });
    check(Number.isInteger(counted.input_tokens) && counted.input_tokens > 0, `countTokens gives a positive integer (got ${counted.input_tokens})`);
    log(`messages.countTokens: ${counted.input_tokens} input tokens`);
  } finally {
    await server.close();
  }
}

/** @param {{ otel: any; SpanKind: any }} deps @param {{ check: Function; log: Function }} io */
async function otelConsumer({ otel, SpanKind }, { check, log }) {
  // A tracer provider written against @opentelemetry/api's interfaces alone (the peer npm
  // installed), recording what the middleware does; no OpenTelemetry SDK is installed.
  /** @type {any[]} */
  const spans = [];
  const tracer = {
    startSpan(/** @type {string} */ name, /** @type {any} */ options) {
      const span = {
        name,
        kind: options.kind,
        attributes: { ...options.attributes },
        /** @type {unknown[]} */
        events: [],
        status: undefined,
        ended: false,
        spanContext: () => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 }),
        setAttribute(/** @type {string} */ key, /** @type {unknown} */ value) { span.attributes[key] = value; return span; },
        setAttributes(/** @type {object} */ values) { Object.assign(span.attributes, values); return span; },
        addEvent(/** @type {string} */ eventName, /** @type {unknown} */ attributes) { span.events.push([eventName, attributes]); return span; },
        setStatus(/** @type {any} */ status) { span.status = status; return span; },
        end() { span.ended = true; },
        isRecording: () => true,
        updateName: () => span,
        recordException: () => undefined,
        addLink: () => span,
        addLinks: () => span,
      };
      spans.push(span);
      return span;
    },
  };
  const middleware = otel({ tracerProvider: { getTracer: () => tracer } });
  const message = { id: 'msg_release_otel', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'Hello there' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 5, output_tokens: 2, cache_read_input_tokens: 3 } };
  const params = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello' }] };
  const request = new Request('https://api.anthropic.com/v1/messages', { method: 'POST', headers: { 'x-api-key': 'sk-release-secret' }, body: JSON.stringify(params) });
  const next = async () => new Response(JSON.stringify(message), { headers: { 'content-type': 'application/json' } });
  const response = await middleware(request, next, { operation: 'messages.create', params, attempt: 1, outcome: Promise.resolve(message) });
  check(response.status === 200, `the middleware passes the response on (got ${response.status})`);
  await new Promise((resolve) => setTimeout(resolve, 0));
  const [span] = spans;
  check(spans.length === 1 && span.ended, 'one span, ended with the call');
  check(span.name === 'chat claude-sonnet-4-5' && span.kind === SpanKind.CLIENT, `a client span "chat claude-sonnet-4-5" (got "${span.name}", kind ${span.kind})`);
  check(span.attributes['gen_ai.provider.name'] === 'anthropic' && span.attributes['server.address'] === 'api.anthropic.com' && span.attributes['server.port'] === 443, 'provider and server attributes');
  check(span.attributes['gen_ai.usage.input_tokens'] === 8 && span.attributes['gen_ai.usage.output_tokens'] === 2, `token usage with cache reads (got ${span.attributes['gen_ai.usage.input_tokens']} in, ${span.attributes['gen_ai.usage.output_tokens']} out)`);
  check(!JSON.stringify(spans).includes('sk-release-secret') && !JSON.stringify(spans).includes('Say hello'), 'neither the key nor the prompt in the span');
  log(`otel() middleware: span "${span.name}", ${span.attributes['gen_ai.usage.input_tokens']} input / ${span.attributes['gen_ai.usage.output_tokens']} output tokens, finish ${JSON.stringify(span.attributes['gen_ai.response.finish_reasons'])}`);
}

/** @param {{ fromResponse: any; APIError: any; OverloadedError: any; RateLimitError: any }} deps @param {{ check: Function; log: Function }} io */
async function errorsConsumer({ fromResponse, APIError, OverloadedError, RateLimitError }, { check, log }) {
  const overloadedBody = JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  const overloaded = await fromResponse(new Response(overloadedBody, { status: 529, headers: { 'request-id': 'req_release', 'content-type': 'application/json' } }));
  check(overloaded instanceof OverloadedError && overloaded instanceof APIError, `a 529 is an OverloadedError (got ${overloaded?.constructor?.name})`);
  check(overloaded.status === 529 && overloaded.requestId === 'req_release' && overloaded.type === 'overloaded_error', 'status, request ID and error type read from the response');
  const limited = await fromResponse(new Response('slow down, sk-release-secret', { status: 429, headers: { 'retry-after': '3' } }), { secrets: ['sk-release-secret'] });
  check(limited instanceof RateLimitError, `a 429 is a RateLimitError (got ${limited?.constructor?.name})`);
  const shown = `${limited.message} ${JSON.stringify(limited)} ${String(limited.body)}`;
  check(!shown.includes('sk-release-secret'), 'the secret is masked in the message, the JSON and the body');
  log(`fromResponse(): ${overloaded.constructor.name} "${overloaded.message}"; ${limited.constructor.name} "${limited.message}"`);
}

/** @param {{ tool: any; parseToolUses: any; runTools: any }} deps @param {{ check: Function; log: Function }} io */
async function toolsConsumer({ tool, parseToolUses, runTools }, { check, log }) {
  const add = tool({
    name: 'add',
    description: 'Adds two numbers',
    input: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
    run: (/** @type {{ a: number; b: number }} */ { a, b }) => String(a + b),
  });
  const message = {
    id: 'msg_release_tools', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', stop_reason: 'tool_use', stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 10 },
    content: [
      { type: 'tool_use', id: 'toolu_add', name: 'add', input: { a: 2, b: 3 } },
      { type: 'tool_use', id: 'toolu_nope', name: 'teleport', input: {} },
    ],
  };
  const uses = await parseToolUses(message, [add]);
  check(uses.length === 2 && uses[0].status === 'valid' && uses[1].status === 'unknown_tool', `one valid use and one unknown tool (got ${uses.map((/** @type {any} */ use) => use.status).join(', ')})`);
  const results = await runTools(uses);
  const texts = results.map((/** @type {any} */ result) => JSON.stringify(result.content));
  check(results[0]?.tool_use_id === 'toolu_add' && results[0]?.is_error !== true && texts[0]?.includes('5'), `add(2, 3) answered 5 (got ${texts[0]})`);
  check(results[1]?.tool_use_id === 'toolu_nope' && results[1]?.is_error === true, 'the unknown tool answered with is_error');
  log(`parseToolUses() + runTools(): ${results.length} tool_result blocks, add -> ${texts[0]}`);
}

/** @type {Scenario[]} */
export const SCENARIOS = [
  {
    name: 'streaming',
    description: '@parley/streaming alone, decoding a Response the user built',
    install: ['@parley/streaming'],
    esm: "import { MessageStream } from '@parley/streaming';",
    cjs: "const { MessageStream } = require('@parley/streaming');",
    names: ['MessageStream'],
    body: streamingConsumer,
    types: `import { MessageStream, PartialJSON, decodeSSE } from '@parley/streaming';

export async function finalText(response: Response): Promise<string> {
  const stream = MessageStream.fromResponse(response);
  let streamed = '';
  stream.on('text', (delta) => {
    const piece: string = delta;
    streamed += piece;
  });
  const message = await stream.finalMessage();
  const id: string = message.id;
  const outputTokens: number = message.usage.output_tokens;
  const texts = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : []));
  return [id, String(outputTokens), streamed, texts.join('')].join(' ');
}

export async function frames(body: ReadableStream<Uint8Array>): Promise<string[]> {
  const out: string[] = [];
  for await (const frame of decodeSSE(body)) out.push(frame.event ?? 'message', frame.data);
  return out;
}

export function partialInput(chunk: string): unknown {
  const parser = new PartialJSON();
  parser.push(chunk);
  return parser.value;
}
`,
  },
  {
    name: 'errors',
    description: '@parley/errors alone, typing the errors of a fetch the user made',
    install: ['@parley/errors'],
    esm: "import { APIError, OverloadedError, RateLimitError, fromResponse } from '@parley/errors';",
    cjs: "const { APIError, OverloadedError, RateLimitError, fromResponse } = require('@parley/errors');",
    names: ['fromResponse', 'APIError', 'OverloadedError', 'RateLimitError'],
    body: errorsConsumer,
    types: `import { APIError, OverloadedError, fromResponse } from '@parley/errors';

export async function describe(response: Response): Promise<string> {
  const error: APIError = await fromResponse(response);
  const status: number = error.status;
  const requestId: string | undefined = error.requestId;
  const partialId: string | undefined = error.partialMessage?.id;
  return [error instanceof OverloadedError ? 'overloaded' : error.name, status, requestId ?? '-', partialId ?? '-'].join(' ');
}
`,
  },
  {
    name: 'tools',
    description: '@parley/tools alone, running the tool calls of a reply',
    install: ['@parley/tools'],
    esm: "import { parseToolUses, runTools, tool } from '@parley/tools';",
    cjs: "const { parseToolUses, runTools, tool } = require('@parley/tools');",
    names: ['tool', 'parseToolUses', 'runTools'],
    body: toolsConsumer,
    types: `import { parseToolUses, runTools, tool } from '@parley/tools';

const add = tool({
  name: 'add',
  input: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] },
  run: () => 'done',
});

export async function answer(message: Parameters<typeof parseToolUses>[0]): Promise<number> {
  const uses = await parseToolUses(message, [add]);
  const results = await runTools(uses);
  return results.filter((result) => result.is_error === true).length;
}
`,
  },
  {
    name: 'core',
    description: '@parley/core alone for the low-level call, @parley/mock as the server',
    install: ['@parley/core', '@parley/mock'],
    esm: "import { createCoreClient, createMessage } from '@parley/core';\nimport { startMockServer } from '@parley/mock';",
    cjs: "const { createCoreClient, createMessage } = require('@parley/core');\nconst { startMockServer } = require('@parley/mock');",
    names: ['createCoreClient', 'createMessage', 'startMockServer'],
    body: coreConsumer,
    types: `import { countTokens, createCoreClient, createMessage, type CreateMessageParams, type Message, type MessageStreamEvent, type Usage } from '@parley/core';
import { startMockServer, type MockServer } from '@parley/mock';

export async function roundTrip(): Promise<Message | undefined> {
  const server: MockServer = await startMockServer({ port: 0 });
  try {
    const client = createCoreClient({ baseUrl: server.url, headers: { 'x-api-key': 'test' } });
    const body: CreateMessageParams = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello' }] };
    const { data } = await createMessage({ client, body });
    const usage: Usage | undefined = data?.usage;
    const counted = await countTokens({ client, body: { model: body.model, messages: body.messages } });
    const inputTokens: number | undefined = counted.data?.input_tokens;
    return usage && inputTokens !== undefined ? data : undefined;
  } finally {
    await server.close();
  }
}

export function eventType(event: MessageStreamEvent): string {
  return event.type;
}
`,
  },
  {
    name: 'sdk',
    description: '@parley/sdk quickstart against @parley/mock',
    install: ['@parley/sdk', '@parley/mock'],
    esm: "import Parley, { Parley as NamedParley } from '@parley/sdk';\nimport { startMockServer } from '@parley/mock';",
    cjs: "const { default: Parley, Parley: NamedParley } = require('@parley/sdk');\nconst { startMockServer } = require('@parley/mock');",
    names: ['Parley', 'NamedParley', 'startMockServer'],
    body: sdkConsumer,
    types: `import Parley, { Parley as ParleyClient } from '@parley/sdk';
import { startMockServer } from '@parley/mock';

export async function quickstart(): Promise<string> {
  const server = await startMockServer({ port: 0 });
  try {
    const client: ParleyClient = new Parley({ apiKey: 'test', baseURL: server.url });
    const params = { model: 'claude-sonnet-4-5', max_tokens: 64, messages: [{ role: 'user' as const, content: 'Say hello' }] };
    const message = await client.messages.create(params);
    const stopReason: string | null = message.stop_reason;
    const stream = client.messages.stream(params);
    stream.on('text', (delta) => {
      const piece: string = delta;
      process.stdout.write(piece);
    });
    const final = await stream.finalMessage();
    const outputTokens: number = final.usage.output_tokens;
    const { input_tokens } = await client.messages.countTokens({ model: params.model, messages: params.messages });
    const inputTokens: number = input_tokens;
    return [message.id, stopReason, outputTokens, inputTokens].join(' ');
  } finally {
    await server.close();
  }
}
`,
  },
  {
    name: 'otel',
    description: '@parley/otel alone (npm adds its peer @opentelemetry/api), the middleware driven by hand',
    install: ['@parley/otel'],
    esm: "import { otel } from '@parley/otel';\nimport { SpanKind } from '@opentelemetry/api';",
    cjs: "const { otel } = require('@parley/otel');\nconst { SpanKind } = require('@opentelemetry/api');",
    names: ['otel', 'SpanKind'],
    body: otelConsumer,
    types: `import { metrics, trace } from '@opentelemetry/api';
import { otel, type CallContext, type OtelMiddleware, type OtelOptions } from '@parley/otel';

export function middleware(captureContent: boolean): OtelMiddleware {
  const options: OtelOptions = { tracerProvider: trace.getTracerProvider(), meterProvider: metrics.getMeterProvider(), captureContent };
  return otel(options);
}

export async function status(request: Request): Promise<number> {
  const context: CallContext = { operation: 'messages.create', params: { model: 'claude-sonnet-4-5' }, attempt: 1, outcome: Promise.resolve(undefined) };
  const response: Response = await middleware(false)(request, (sent) => fetch(sent), context);
  return response.status;
}
`,
  },
];

/**
 * The source of one consumer program.
 * @param {Scenario} scenario
 * @param {'esm' | 'cjs'} kind
 * @returns {string}
 */
export function programSource(scenario, kind) {
  const label = kind === 'esm' ? 'ESM import' : 'CJS require';
  return [
    `// ${scenario.description} (${label}). Written by the release test.`,
    kind === 'esm' ? scenario.esm : scenario.cjs,
    `const label = ${JSON.stringify(label)} + ', node ' + process.versions.node;`,
    "function check(ok, what) { if (!ok) throw new Error('check failed: ' + what); }",
    "function log(line) { console.log('[' + label + '] ' + line); }",
    'function write(text) { process.stdout.write(text); }',
    `const body = ${scenario.body.toString()};`,
    `body({ ${scenario.names.join(', ')} }, { check, log, write, label }).catch((error) => { console.error(error); process.exitCode = 1; });`,
    '',
  ].join('\n');
}
