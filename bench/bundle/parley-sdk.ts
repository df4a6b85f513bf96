// What a browser app using @parley/sdk ships: a client, one created message, one stream.
import Parley from '@parley/sdk';

const client = new Parley({ apiKey: 'sk-public', dangerouslyAllowBrowser: true });
const params = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'Hello' }] };

export async function ask(): Promise<string> {
  const message = await client.messages.create(params);
  const streamed = await client.messages.stream(params).finalMessage();
  return JSON.stringify([message.content, streamed.content]);
}
