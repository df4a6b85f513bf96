// Structured output: a typed object instead of free text. A zod schema read with
// messages.parse(), the same object watched as it streams, and a plain JSON Schema.
//
//   node examples/structured-output.ts
//
// With no ANTHROPIC_BASE_URL and no key in the environment it starts the local mock
// (@parley/mock), which answers with JSON sampled from the schema. Set ANTHROPIC_API_KEY
// to run it against Anthropic; PARLEY_MODEL picks the model. Against a server without
// `output_config` (llama.cpp's llama-server), the default `structuredOutput: 'auto'`
// asks for the same object as a tool call instead.
import { outputFormat, type Parley } from '@parley/sdk';
import * as z from 'zod';
import { model, runExample } from './run-example.ts';

const Recipe = z.object({
  name: z.string().describe('The name of the dish'),
  minutes: z.number().int().min(1).describe('Total time in minutes'),
  ingredients: z.array(z.string()),
});
const recipe = outputFormat(Recipe);
const ask = { model, max_tokens: 1024, messages: [{ role: 'user' as const, content: 'A quick recipe for pancakes, please.' }] };

async function parsed(client: Parley): Promise<void> {
  console.log('1. messages.parse() with a zod schema:\n');
  const message = await client.messages.parse({ ...ask, output_config: { format: recipe } });
  // Typed as z.infer<typeof Recipe>, and checked by it (min(1) included).
  const { name, minutes, ingredients } = message.parsed_output;
  console.log(`   ${name}: ${minutes} min, ${ingredients.length} ingredient(s): ${ingredients.join(', ')}\n`);
}

async function streamed(client: Parley): Promise<void> {
  console.log('2. The same object while it streams:\n');
  const stream = client.messages.stream({ ...ask, output_config: { format: recipe } });
  let updates = 0;
  stream.on('parsedOutput', (partial) => {
    updates++;
    if (updates <= 3) console.log(`   so far: ${JSON.stringify(partial)}`);
  });
  const { parsed_output } = await stream.finalMessage();
  console.log(`   ... ${updates} updates; final: ${JSON.stringify(parsed_output)}\n`);
}

async function plainSchema(client: Parley): Promise<void> {
  console.log('3. A plain JSON Schema, typed by hand:\n');
  const city = outputFormat<{ city: string; country: string }>({
    type: 'object',
    properties: { city: { type: 'string' }, country: { type: 'string', minLength: 2 } },
    required: ['city', 'country'],
  });
  // What is sent: `minLength` is not accepted by the API, so it moves into the description.
  console.log(`   sent schema: ${JSON.stringify(city.schema)}`);
  const message = await client.messages.parse({ ...ask, messages: [{ role: 'user', content: 'Where is the Eiffel Tower?' }], output_config: { format: city } });
  console.log(`   city: ${message.parsed_output.city}, country: ${message.parsed_output.country}\n`);
}

await runExample(async (client) => {
  await parsed(client);
  await streamed(client);
  await plainSchema(client);
});
