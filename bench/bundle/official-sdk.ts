// The same program on the official SDK.
import Anthropic from '@anthropic-ai/sdk';

const client = new Anthropic({ apiKey: 'sk-public', dangerouslyAllowBrowser: true });
const params = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'Hello' }] };

export async function ask(): Promise<string> {
  const message = await client.messages.create(params);
  const streamed = await client.messages.stream(params).finalMessage();
  return JSON.stringify([message.content, streamed.content]);
}
