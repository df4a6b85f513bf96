import { describe, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import Parley, {
  tool,
  outputFormat,
  type DeepPartial,
  type Message,
  type MessageStream,
  type OutputFormat,
  type ParsedMessage,
  type ParsedMessageStream,
  type StandardSchemaV1,
} from '../src/index.js';

const client = new Parley({ apiKey: 'k' });
const base = { model: 'm', max_tokens: 1, messages: [{ role: 'user' as const, content: 'hi' }] };

interface Person {
  name: string;
  age: number;
  tags: string[];
}
const zodPerson = z.object({ name: z.string(), age: z.number(), tags: z.array(z.string()) });
// A Standard Schema from another library, as its types declare it.
declare const standardPerson: StandardSchemaV1<unknown, Person>;

describe('outputFormat', () => {
  it('infers the output from zod, from a Standard Schema, and takes a type for a plain JSON Schema', () => {
    expectTypeOf(outputFormat(zodPerson)).toEqualTypeOf<OutputFormat<Person>>();
    expectTypeOf(outputFormat(standardPerson)).toEqualTypeOf<OutputFormat<Person>>();
    expectTypeOf(outputFormat<Person>({ type: 'object' })).toEqualTypeOf<OutputFormat<Person>>();
    expectTypeOf(outputFormat({ type: 'object' })).toEqualTypeOf<OutputFormat>();
  });

  it('uses the schema output type after transforms', () => {
    const format = outputFormat(z.object({ when: z.string().transform((text) => new Date(text)) }));
    expectTypeOf(format).toEqualTypeOf<OutputFormat<{ when: Date }>>();
  });
});

describe('messages.parse', () => {
  it('gives parsed_output as the format type', async () => {
    const zodReply = await client.messages.parse({ ...base, output_config: { format: outputFormat(zodPerson) } });
    expectTypeOf(zodReply).toEqualTypeOf<ParsedMessage<Person>>();
    expectTypeOf(zodReply.parsed_output).toEqualTypeOf<Person>();
    expectTypeOf(zodReply).toExtend<Message>();
    const standardReply = await client.messages.parse({ ...base, output_config: { format: outputFormat(standardPerson), effort: 'low' } });
    expectTypeOf(standardReply.parsed_output).toEqualTypeOf<Person>();
    const plainReply = await client.messages.parse({ ...base, output_config: { format: outputFormat<Person>({ type: 'object' }) } });
    expectTypeOf(plainReply.parsed_output).toEqualTypeOf<Person>();
  });

  it('requires output_config.format and takes structuredOutput per call', () => {
    // @ts-expect-error -- parse() needs an output format
    void client.messages.parse(base);
    void client.messages.parse({ ...base, output_config: { format: outputFormat(zodPerson) } }, { structuredOutput: 'tool' });
    // @ts-expect-error -- not a mode
    void client.messages.parse({ ...base, output_config: { format: outputFormat(zodPerson) } }, { structuredOutput: 'json' });
  });
});

describe('messages.stream with an output format', () => {
  it('is a ParsedMessageStream with DeepPartial partials and a typed finalMessage', async () => {
    const stream = client.messages.stream({ ...base, output_config: { format: outputFormat(zodPerson) } });
    expectTypeOf(stream).toEqualTypeOf<ParsedMessageStream<Person>>();
    stream.on('parsedOutput', (partial, snapshot) => {
      expectTypeOf(partial).toEqualTypeOf<DeepPartial<Person>>();
      expectTypeOf(partial.tags).toEqualTypeOf<string[] | undefined>();
      expectTypeOf(snapshot).toEqualTypeOf<Message>();
    });
    stream.on('text', (delta) => expectTypeOf(delta).toEqualTypeOf<string>());
    for await (const partial of stream.partialOutputs()) expectTypeOf(partial).toEqualTypeOf<DeepPartial<Person>>();
    expectTypeOf((await stream.finalMessage()).parsed_output).toEqualTypeOf<Person>();
  });

  it('stays a MessageStream without one', () => {
    expectTypeOf(client.messages.stream(base)).toEqualTypeOf<MessageStream>();
  });
});

describe('toolRunner with an output format', () => {
  const weather = tool({ name: 'get_weather', input: z.object({ city: z.string() }), run: ({ city }) => ({ city, celsius: 21 }) });

  it('ends in ParsedMessage<T>, and in a Message without one', async () => {
    const typed = client.messages.toolRunner({ ...base, tools: [weather], output_config: { format: outputFormat(zodPerson) } });
    expectTypeOf(await typed.done()).toEqualTypeOf<ParsedMessage<Person>>();
    const plain = client.messages.toolRunner({ ...base, tools: [weather] });
    expectTypeOf(await plain.done()).toEqualTypeOf<Message>();
  });

  it('lets run return an object, but not an array of other values', () => {
    tool({ name: 'ok', input: z.object({}), run: () => ({ any: ['json'] }) });
    // @ts-expect-error -- an array must hold content blocks
    tool({ name: 'bad', input: z.object({}), run: () => ['a', 'b'] });
  });
});
