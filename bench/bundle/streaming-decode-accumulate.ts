// The low-level path alone: decodeSSE and accumulate over a plain fetch, no MessageStream.
import { accumulate, decodeSSE } from '@parley/streaming';
import type { Message } from '@parley/core';

export async function ask(init: RequestInit): Promise<string> {
  const response = await fetch('https://api.anthropic.com/v1/messages', init);
  let message: Message | undefined;
  for await (const frame of decodeSSE(response.body!)) message = accumulate(message, JSON.parse(frame.data) as never);
  return message?.id ?? '';
}
