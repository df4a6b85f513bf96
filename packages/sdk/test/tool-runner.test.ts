import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import Parley, { tool } from '../src/index.js';
import { API_KEY, MODEL, mock } from './helpers.js';

const getWeather = tool({
  name: 'get_weather',
  description: 'Get the current weather for a city',
  input: z.object({ city: z.enum(['Oslo', 'Lima']) }),
  run: ({ city }) => `Sunny in ${city}`,
});

describe('client.messages.toolRunner', () => {
  it('runs the tool loop through the client to a final text reply', async () => {
    const server = await mock();
    const client = new Parley({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
    const runner = client.messages.toolRunner({
      model: MODEL,
      max_tokens: 256,
      tool_choice: { type: 'any' },
      messages: [{ role: 'user', content: 'What is the weather? Use get_weather.' }],
      tools: [getWeather],
    });
    const turns = [];
    for await (const message of runner) turns.push(message);
    const final = await runner.finalMessage();

    expect(turns.length).toBe(2);
    expect(turns[0]?.stop_reason).toBe('tool_use');
    expect(final.stop_reason).toBe('end_turn');
    expect(final.content.some((block) => block.type === 'text')).toBe(true);

    // The second request carried the tool's result for the model's tool_use id.
    const second = server.requests.filter((r) => r.path === '/v1/messages')[1];
    const body = second?.body as { messages: { role: string; content: unknown }[] };
    const toolUse = turns[0]?.content.find((block) => block.type === 'tool_use');
    expect(body.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: toolUse?.type === 'tool_use' ? toolUse.id : '', content: expect.stringMatching(/^Sunny in (Oslo|Lima)$/) }],
    });
    expect(second?.headers['x-api-key']).toBe(API_KEY);
  });
});
