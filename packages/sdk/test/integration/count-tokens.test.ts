// messages.countTokens against llama-server's /v1/messages/count_tokens.
import { expect, it } from 'vitest';
import { alias, clientFor, describeReal } from './real-server.js';
import { getWeather } from './weather.js';

const MESSAGES = [{ role: 'user' as const, content: 'Hello' }];

describeReal('messages.countTokens against llama-server', () => {
  it('counts the input tokens of a plain request, as create then reports them', async () => {
    const client = clientFor('text');
    const { input_tokens } = await client.messages.countTokens({ model: alias('text'), messages: MESSAGES });
    expect(Number.isInteger(input_tokens)).toBe(true);
    expect(input_tokens).toBeGreaterThan(0);
    const message = await client.messages.create({ model: alias('text'), max_tokens: 1, messages: MESSAGES });
    expect(message.usage.input_tokens).toBe(input_tokens);
  });

  it('counts the tools too', async () => {
    const client = clientFor('tools');
    const { input_tokens: without } = await client.messages.countTokens({ model: alias('tools'), messages: MESSAGES });
    const counted = await client.messages.countTokens({ model: alias('tools'), messages: MESSAGES, tools: [getWeather.definition] }).withResponse();
    expect(counted.data.input_tokens).toBeGreaterThan(without);
    expect(Object.keys(counted.data)).toEqual(['input_tokens']);
    expect(counted.requestId).toBeUndefined();
  });
});
