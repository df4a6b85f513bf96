// messages.parse() and stream() with an output format, against the mock: the parsed
// output equals JSON.parse + the schema applied to the text, failures are typed, and
// 'tool' / 'auto' give the same ParsedMessage when the server lacks output_config.
import { BadRequestError, OutputParseError } from '@parley/errors';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import Parley, { outputFormat, tool, type StructuredOutputMode } from '../src/index.js';
import { API_KEY, PARAMS, failure, messageBody, mock, rawServer, recordingLogger } from './helpers.js';

const Person = z.object({ name: z.string(), age: z.number().int(), tags: z.array(z.string()) });
const person = outputFormat(Person);
const params = { ...PARAMS, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Extract: Ada, 36' }], output_config: { format: person } };
const SAMPLE = { name: 'example name', age: 42, tags: ['example tags'] };

async function setup(options: { structuredOutput?: StructuredOutputMode; fault?: object } = {}) {
  const server = await mock();
  const logger = recordingLogger();
  const client = new Parley({
    apiKey: API_KEY,
    baseURL: server.url,
    logger,
    ...(options.structuredOutput === undefined ? {} : { structuredOutput: options.structuredOutput }),
    ...(options.fault === undefined ? {} : { defaultHeaders: { 'x-mock-fault': JSON.stringify(options.fault) } }),
  });
  const bodies = () => server.requests.map((request) => request.body as Record<string, unknown>);
  return { server, client, logger, bodies };
}

describe('messages.parse', () => {
  it('gives parsed_output equal to JSON.parse and the schema applied to the text', async () => {
    const { client, bodies } = await setup();
    const message = await client.messages.parse(params);
    const text = message.content.find((block) => block.type === 'text')?.text ?? '';
    expect(message.parsed_output).toEqual(Person.parse(JSON.parse(text)));
    expect(message.parsed_output).toEqual(SAMPLE);
    // The wire format is the reduced schema, nothing else.
    expect(bodies()[0]?.output_config).toEqual({ format: { type: 'json_schema', schema: person.schema } });
  });

  it('accepts a plain JSON Schema, typed by the caller', async () => {
    const { client } = await setup();
    const format = outputFormat<{ city: string }>({ type: 'object', properties: { city: { type: 'string' } } });
    const message = await client.messages.parse({ ...params, output_config: { format } });
    expect(message.parsed_output).toEqual({ city: 'example city' });
  });

  it('rejects invalid JSON with OutputParseError keeping the raw text (native mode)', async () => {
    const { client } = await setup({ structuredOutput: 'native', fault: { structuredOutput: 'invalid_json' } });
    const error = await failure(client.messages.parse(params));
    expect(OutputParseError.isInstance(error)).toBe(true);
    const parseError = error as OutputParseError;
    expect(parseError.reason).toBe('invalid_json');
    expect(parseError.text).toBe(parseError.reply?.content[0]?.type === 'text' ? parseError.reply.content[0].text : undefined);
    expect(parseError.text.length).toBeGreaterThan(0);
  });

  it('rejects a schema violation with the issues and their paths', async () => {
    const { client } = await setup({ structuredOutput: 'native', fault: { structuredOutput: 'schema_violation' } });
    const error = (await failure(client.messages.parse(params))) as OutputParseError;
    expect(error.reason).toBe('schema');
    expect(JSON.parse(error.text)).toMatchObject({ name: 42 });
    expect(error.issues.map((issue) => issue.path)).toEqual([['name']]);
    expect(error.message).toContain('output.name');
  });

  it('says max_tokens when the reply was cut short', async () => {
    const { client } = await setup();
    const error = (await failure(client.messages.parse({ ...params, max_tokens: 1 }))) as OutputParseError;
    expect(OutputParseError.isInstance(error)).toBe(true);
    expect(error.reason).toBe('max_tokens');
    expect(error.reply?.stop_reason).toBe('max_tokens');
  });

  it('says refusal when the model refused', async () => {
    const refusal = JSON.stringify({ ...(JSON.parse(messageBody('I cannot help with that.')) as object), stop_reason: 'refusal' });
    const server = await rawServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(refusal));
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0, structuredOutput: 'native' });
    const error = (await failure(client.messages.parse(params))) as OutputParseError;
    expect(error.reason).toBe('refusal');
    expect(error.text).toBe('I cannot help with that.');
  });

  it('refuses a format that is not an output format', async () => {
    const { client } = await setup();
    const error = await failure(client.messages.parse({ ...params, output_config: { format: { type: 'json_schema', schema: {} } } }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain('outputFormat(schema)');
  });
});

describe("structuredOutput: 'tool'", () => {
  it('sends one forced tool and reads its input, keeping output_config.effort', async () => {
    const { client, bodies } = await setup({ structuredOutput: 'tool' });
    const message = await client.messages.parse({ ...params, output_config: { format: person, effort: 'low' } });
    expect(message.parsed_output).toEqual(SAMPLE);
    expect(message.stop_reason).toBe('tool_use');
    const sent = bodies()[0] ?? {};
    expect(sent.output_config).toEqual({ effort: 'low' });
    expect(sent.tool_choice).toEqual({ type: 'tool', name: 'structured_output' });
    expect(sent.tools).toEqual([{ name: 'structured_output', input_schema: person.schema }]);
  });

  it('is chosen per call too, over the client setting', async () => {
    const { client, bodies } = await setup({ structuredOutput: 'native' });
    const message = await client.messages.parse(params, { structuredOutput: 'tool' });
    expect(message.parsed_output).toEqual(SAMPLE);
    expect(bodies()[0]?.tool_choice).toEqual({ type: 'tool', name: 'structured_output' });
    const error = await failure(client.messages.parse(params, { structuredOutput: 'json' as 'tool' }));
    expect((error as Error).message).toBe('structuredOutput must be \'native\', \'tool\' or \'auto\', got "json".');
  });

  it("keeps the user's tools and refuses a conflicting tool_choice", async () => {
    const { client, bodies } = await setup({ structuredOutput: 'tool' });
    const weather = { name: 'get_weather', input_schema: { type: 'object' as const, properties: {} } };
    await client.messages.parse({ ...params, tools: [weather], tool_choice: { type: 'auto' } });
    expect((bodies()[0]?.tools as { name: string }[]).map((tool) => tool.name)).toEqual(['get_weather', 'structured_output']);
    const error = await failure(client.messages.parse({ ...params, tools: [weather], tool_choice: { type: 'any' } }));
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("conflicts with the request's tool_choice");
  });
});

describe("structuredOutput: 'auto'", () => {
  it('falls back to a tool call once on a 400 about output_config, then sends tool mode directly', async () => {
    const { client, logger, bodies } = await setup({ fault: { structuredOutput: 'unsupported' } });
    const first = await client.messages.parse(params);
    expect(first.parsed_output).toEqual(SAMPLE);
    const second = await client.messages.parse(params);
    expect(second.parsed_output).toEqual(SAMPLE);
    expect(bodies().map((body) => 'output_config' in body)).toEqual([true, false, false]);
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.args[0])).toContain('refused output_config');
  });

  it('falls back when the server ignores output_config and answers free text', async () => {
    const { client, bodies } = await setup({ fault: { structuredOutput: 'invalid_json' } });
    const message = await client.messages.parse(params);
    expect(message.parsed_output).toEqual(SAMPLE);
    expect(bodies().map((body) => body.tool_choice)).toEqual([undefined, { type: 'tool', name: 'structured_output' }]);
  });

  it('never retries a 400 about anything else', async () => {
    const { client, bodies } = await setup({ fault: { status: 400 } });
    const error = await failure(client.messages.parse(params));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(bodies()).toHaveLength(1);
  });

  it("'native' does not fall back", async () => {
    const { client } = await setup({ structuredOutput: 'native', fault: { structuredOutput: 'unsupported' } });
    expect(await failure(client.messages.parse(params))).toBeInstanceOf(BadRequestError);
  });
});

describe('messages.stream with an output format', () => {
  it('emits growing partials and ends with the same parsed_output as parse()', async () => {
    const { client } = await setup();
    const partials: unknown[] = [];
    const stream = client.messages.stream(params).on('parsedOutput', (partial) => partials.push(structuredClone(partial)));
    const final = await stream.finalMessage();
    expect(final.parsed_output).toEqual(SAMPLE);
    expect(partials.length).toBeGreaterThan(2);
    expect(partials.at(-1)).toEqual(SAMPLE);
    expect(partials[0]).toEqual({ name: 'exa' });
    const parsed = await client.messages.parse(params);
    expect(final.parsed_output).toEqual(parsed.parsed_output);
  });

  it('gives the partials to for await, and tool mode streams them from input_json_delta', async () => {
    for (const structuredOutput of ['native', 'tool'] as const) {
      const { client } = await setup({ structuredOutput });
      const stream = client.messages.stream(params);
      const seen: unknown[] = [];
      for await (const partial of stream.partialOutputs()) seen.push(structuredClone(partial));
      expect(seen.at(-1)).toEqual(SAMPLE);
      expect((await stream.finalMessage()).parsed_output).toEqual(SAMPLE);
    }
  });

  it("'auto' retries a 400 about output_config as a tool call before the stream starts", async () => {
    const { client, bodies } = await setup({ fault: { structuredOutput: 'unsupported' } });
    const final = await client.messages.stream(params).finalMessage();
    expect(final.parsed_output).toEqual(SAMPLE);
    expect(bodies().map((body) => body.tool_choice)).toEqual([undefined, { type: 'tool', name: 'structured_output' }]);
  });

  it('fails finalMessage with OutputParseError when the output breaks the schema', async () => {
    const { client } = await setup({ structuredOutput: 'native', fault: { structuredOutput: 'schema_violation' } });
    const stream = client.messages.stream(params);
    const error = (await failure(stream.finalMessage())) as OutputParseError;
    expect(error.reason).toBe('schema');
    expect(await stream.finalText()).toBe(error.text);
  });

  it('leaves a stream without an output format a plain MessageStream', async () => {
    const { client } = await setup();
    const stream = client.messages.stream(PARAMS);
    expect('partialOutputs' in stream).toBe(false);
    expect((await stream.finalMessage()).content[0]?.type).toBe('text');
  });
});

describe('toolRunner with an output format', () => {
  const getWeather = tool({
    name: 'get_weather',
    description: 'The weather in a city',
    input: z.object({ location: z.string() }),
    run: ({ location }) => ({ location, celsius: 21, sky: 'clear' }),
  });
  const Report = outputFormat(z.object({ summary: z.string(), celsius: z.number() }));

  for (const stream of [false, true]) {
    it(`runs tools that return objects and ends in a typed answer${stream ? ' (streamed turns)' : ''}`, async () => {
      const { client, bodies } = await setup();
      const runner = client.messages.toolRunner({
        ...PARAMS,
        max_tokens: 512,
        messages: [{ role: 'user', content: 'Use get_weather for Paris, then report.' }],
        tools: [getWeather],
        output_config: { format: Report },
        stream,
      });
      const final = await runner.done();
      expect(final.parsed_output).toEqual({ summary: 'example summary', celsius: 4.2 });
      const sent = bodies();
      expect(sent).toHaveLength(2);
      // Every turn carries the output format's wire form.
      for (const body of sent) expect(body.output_config).toEqual({ format: { type: 'json_schema', schema: Report.schema } });
      const results = (sent[1]?.messages as { role: string; content: unknown }[]).at(-1);
      expect(results?.content).toEqual([
        { type: 'tool_result', tool_use_id: expect.any(String) as string, content: '{"location":"example location","celsius":21,"sky":"clear"}' },
      ]);
    });
  }
});
