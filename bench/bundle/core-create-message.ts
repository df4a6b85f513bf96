// The generated low-level call alone, on its own client.
import { createCoreClient, createMessage } from '@parley/core';

const client = createCoreClient({ baseUrl: 'https://api.anthropic.com', headers: { 'x-api-key': 'sk-public' } });

export async function ask(): Promise<unknown> {
  const { data } = await createMessage({
    client,
    body: { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }] },
  });
  return data;
}
