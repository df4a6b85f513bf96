// Parley in three steps: a streamed reply printed as it arrives, a tool-use round trip,
// and a token count.
//
//   node examples/quickstart.ts
//
// With no ANTHROPIC_BASE_URL and no key in the environment it starts the local mock
// (@parley/mock) on a free port and talks to that, so it runs anywhere, offline. Set
// ANTHROPIC_API_KEY to talk to Anthropic, or ANTHROPIC_BASE_URL plus ANTHROPIC_AUTH_TOKEN
// for a relay; PARLEY_MODEL picks the model.
import type { MessageParam, Tool, Parley } from '@parley/sdk';
import { model, runExample } from './run-example.ts';

const weatherTool: Tool = {
  name: 'get_weather',
  description: 'Get the current weather in a city',
  input_schema: { type: 'object', properties: { location: { type: 'string', description: 'City name' } }, required: ['location'] },
};

// The tool's implementation: a real program would call a weather service here.
function getWeather(input: unknown): string {
  const location = typeof input === 'object' && input !== null && 'location' in input ? String(input.location) : 'somewhere';
  return `Sunny and 21 °C in ${location}.`;
}

async function main(client: Parley): Promise<void> {
  console.log('1. A streamed reply, token by token:\n');
  const stream = client.messages.stream({
    model,
    max_tokens: 256,
    messages: [{ role: 'user', content: 'Write one short sentence about the sea.' }],
  });
  stream.on('text', (delta) => process.stdout.write(delta));
  const streamed = await stream.finalMessage();
  console.log(`\n   (${streamed.usage.output_tokens} tokens, stop_reason: ${String(streamed.stop_reason)})\n`);

  console.log('2. A tool-use round trip:\n');
  const messages: MessageParam[] = [{ role: 'user', content: 'What is the weather in Paris? Use get_weather.' }];
  const first = await client.messages.create({ model, max_tokens: 512, tools: [weatherTool], messages });
  const calls = first.content.filter((block) => block.type === 'tool_use');
  if (calls.length === 0) throw new Error(`Expected the model to call get_weather, got stop_reason ${String(first.stop_reason)}.`);
  for (const call of calls) console.log(`   model calls ${call.name}(${JSON.stringify(call.input)})`);
  messages.push(
    // The reply goes back as it came: thinking signatures, server tool blocks and citations included.
    { role: 'assistant', content: first.content },
    { role: 'user', content: calls.map((call) => ({ type: 'tool_result' as const, tool_use_id: call.id, content: getWeather(call.input) })) },
  );
  const answer = await client.messages.create({ model, max_tokens: 512, tools: [weatherTool], messages });
  const text = answer.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
  console.log(`   model answers: ${text}\n`);

  console.log('3. Counting tokens:\n');
  const { input_tokens } = await client.messages.countTokens({ model, tools: [weatherTool], messages });
  console.log(`   that conversation is ${input_tokens} input tokens\n`);
}

await runExample(main);
