// The runtime scenario: what a user's program does with @parley/sdk, written once
// against the public API and run unchanged in every runtime (Node, Bun, Deno, workerd,
// Chromium) against @parley/mock over HTTP. Each step resolves to a line of the report;
// a step that throws or hangs fails alone, and the next one still runs.
import Parley, { APIUserAbortError, AuthenticationError, RequestValidationError, outputFormat, tool } from '@parley/sdk';
import { STEPS } from './steps.js';

const MODEL = 'claude-sonnet-4-5';
const STEP_TIMEOUT_MS = 20_000;

class StepFailure extends Error {}

/** Throws a StepFailure saying what was expected when `condition` is false. */
function check(condition, what) {
  if (!condition) throw new StepFailure(what);
}

function textOf(message) {
  return message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
}

function params(text, extra = {}) {
  return { model: MODEL, max_tokens: 256, messages: [{ role: 'user', content: text }], ...extra };
}

/** A fault for one request, as the mock reads it from its `x-mock-fault` header. */
function fault(value) {
  return { 'x-mock-fault': JSON.stringify(value) };
}

function describe(error) {
  if (error instanceof StepFailure) return error.message;
  const name = error?.constructor?.name ?? typeof error;
  return `${name}: ${error instanceof Error ? error.message : String(error)}`;
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new StepFailure(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs every step against the mock at `baseURL` (which requires `apiKey`).
 * @param {{ baseURL: string; apiKey: string }} options
 * @returns {Promise<{ step: string; ok: boolean; detail: string }[]>}
 */
export async function runScenario({ baseURL, apiKey }) {
  // dangerouslyAllowBrowser: the scenario also runs in a web page; elsewhere it changes nothing.
  const client = new Parley({ apiKey, baseURL, dangerouslyAllowBrowser: true, maxRetries: 1 });
  const hello = params('Hello from every runtime');

  /** @type {Record<string, () => Promise<string>>} */
  const steps = {
    async create() {
      const { data, response } = await client.messages.create(hello).withResponse();
      check(data.type === 'message' && data.role === 'assistant', `a message, got ${JSON.stringify(data).slice(0, 80)}`);
      check(textOf(data).includes('Hello from every runtime'), `the echo of the prompt, got "${textOf(data)}"`);
      // Read from the response headers: in a page, only when the server exposes them.
      const requestId = response.headers.get('request-id');
      check(/^req_/.test(requestId ?? ''), `a request-id header, got ${requestId}`);
      return `${data.usage.output_tokens} output tokens, ${requestId}`;
    },

    async 'stream: text events, finalMessage()'() {
      const stream = client.messages.stream(hello);
      let deltas = '';
      let events = 0;
      stream.on('text', (delta) => {
        deltas += delta;
        events += 1;
      });
      const final = await stream.finalMessage();
      check(events > 1, `several text events, got ${events}`);
      check(deltas === textOf(final), 'the text events add up to the final text');
      check(final.stop_reason === 'end_turn', `stop_reason end_turn, got ${final.stop_reason}`);
      return `${events} text events`;
    },

    async 'create({ stream: true }) iterated'() {
      const events = await client.messages.create({ ...hello, stream: true });
      const types = [];
      let text = '';
      for await (const event of events) {
        types.push(event.type);
        if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      }
      check(types[0] === 'message_start' && types.at(-1) === 'message_stop', `message_start ... message_stop, got ${types.join(',')}`);
      check(text.includes('Hello from every runtime'), 'the streamed text echoes the prompt');
      return `${types.length} events`;
    },

    async countTokens() {
      const [{ input_tokens }, message] = await Promise.all([client.messages.countTokens(hello), client.messages.create(hello)]);
      check(input_tokens > 0 && input_tokens === message.usage.input_tokens, `the message's input tokens (${message.usage.input_tokens}), got ${input_tokens}`);
      return `${input_tokens} input tokens`;
    },

    async 'models.list'() {
      const ids = [];
      for await (const model of client.models.list({ limit: 2 })) ids.push(model.id);
      check(ids.length > 2 && new Set(ids).size === ids.length, `several distinct models over pages, got ${ids.join(', ')}`);
      return `${ids.length} models`;
    },

    async 'tool runner: one round trip'() {
      const calls = [];
      const getWeather = tool({
        name: 'get_weather',
        description: 'The weather in a city',
        input: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        run: (input) => {
          calls.push(input);
          return 'Sunny';
        },
      });
      const runner = client.messages.toolRunner({ ...params('Use get_weather for Paris'), tools: [getWeather], max_iterations: 4 });
      const final = await runner.done();
      check(calls.length === 1 && typeof calls[0].city === 'string', `one call with a city, got ${JSON.stringify(calls)}`);
      check(runner.messages.length === 4, `user, tool use, tool result, answer; got ${runner.messages.length} turns`);
      check(textOf(final).includes('get_weather returned "Sunny"'), `an answer from the result, got "${textOf(final)}"`);
      return `${runner.messages.length} turns`;
    },

    async '401 is an AuthenticationError'() {
      const wrong = new Parley({ apiKey: 'not-the-key', baseURL, dangerouslyAllowBrowser: true, maxRetries: 0 });
      try {
        await wrong.messages.create(hello);
      } catch (error) {
        check(error instanceof AuthenticationError && AuthenticationError.isInstance(error), `an AuthenticationError, got ${describe(error)}`);
        check(error.status === 401, `status 401, got ${error.status}`);
        check(!JSON.stringify(error).includes('not-the-key'), 'the key is not in the error');
        return `${error.status} ${error.type}`;
      }
      throw new StepFailure('the call succeeded without the key');
    },

    async '529 once, then success (one retry)'() {
      let attempts = 0;
      // A middleware (public API) asks the mock for a 529 on the first attempt only.
      const overloadFirst = (request, next, context) => {
        attempts = context.attempt;
        if (context.attempt > 1) return next(request);
        const headers = new Headers(request.headers);
        headers.set('x-mock-fault', JSON.stringify({ status: 529, headers: { 'retry-after-ms': '20' } }));
        return next(new Request(request, { headers }));
      };
      const message = await client.messages.create(hello, { middleware: [overloadFirst], maxRetries: 1 });
      check(attempts === 2, `two attempts, got ${attempts}`);
      check(textOf(message).includes('Hello from every runtime'), 'the retried reply');
      return `${attempts} attempts`;
    },

    async 'abort mid-stream keeps the partial message'() {
      const controller = new AbortController();
      // The mock drips the stream slowly, so the abort lands in the middle.
      const stream = client.messages.stream(params('one two three four five six seven eight nine ten'), {
        signal: controller.signal,
        headers: fault({ dripMs: 40 }),
      });
      let seen = '';
      stream.on('text', (delta) => {
        seen += delta;
        controller.abort();
      });
      try {
        await stream.finalMessage();
      } catch (error) {
        check(error instanceof APIUserAbortError, `an APIUserAbortError, got ${describe(error)}`);
        const partial = error.partialMessage;
        check(partial !== undefined && textOf(partial) === seen && seen.length > 0, `the text received so far ("${seen}") in partialMessage, got ${JSON.stringify(partial?.content)}`);
        check(partial.stop_reason === null, 'a partial message has no stop reason yet');
        return `kept "${seen.trim()}"`;
      }
      throw new StepFailure('the stream finished although it was aborted');
    },

    async 'RequestValidationError before sending'() {
      try {
        await client.messages.create({ ...hello, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'AAAA' } }] }] });
      } catch (error) {
        check(error instanceof RequestValidationError, `a RequestValidationError, got ${describe(error)}`);
        check(error.message.includes('messages[0].content[0].source.media_type'), `the path in the message, got "${error.message}"`);
        return error.message.split('\n')[0].slice(0, 90);
      }
      throw new StepFailure('an invalid request was accepted');
    },

    async 'structured output: messages.parse'() {
      const format = outputFormat({
        type: 'object',
        properties: { city: { type: 'string' }, days: { type: 'integer' } },
        required: ['city', 'days'],
        additionalProperties: false,
      });
      const message = await client.messages.parse({ ...params('Plan a trip'), output_config: { format } });
      const output = message.parsed_output;
      check(typeof output?.city === 'string' && Number.isInteger(output?.days), `{ city, days }, got ${JSON.stringify(output)}`);
      return JSON.stringify(output);
    },

    async 'batches: create, wait, results'() {
      const batch = await client.messages.batches.create({
        requests: [
          { custom_id: 'first', params: params('first question') },
          { custom_id: 'second', params: params('second question') },
        ],
      });
      const ended = await client.messages.batches.wait(batch.id, { pollIntervalMs: 10 });
      check(ended.processing_status === 'ended', `an ended batch, got ${ended.processing_status}`);
      const results = {};
      for await (const { custom_id, result } of client.messages.batches.results(ended.id)) {
        results[custom_id] = result.type === 'succeeded' ? textOf(result.message) : result.type;
      }
      check(results.first?.includes('first question') && results.second?.includes('second question'), `two answers, got ${JSON.stringify(results)}`);
      return `${Object.keys(results).length} results`;
    },
  };

  const report = [];
  for (const step of STEPS) {
    try {
      const detail = await withTimeout(steps[step](), STEP_TIMEOUT_MS);
      report.push({ step, ok: true, detail });
    } catch (error) {
      report.push({ step, ok: false, detail: describe(error) });
    }
  }
  return report;
}
