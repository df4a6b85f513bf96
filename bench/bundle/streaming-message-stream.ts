// MessageStream alone, over a plain fetch.
import { MessageStream } from '@parley/streaming';

export async function ask(init: RequestInit): Promise<string> {
  const stream = MessageStream.fromResponse(fetch('https://api.anthropic.com/v1/messages', init));
  return (await stream.finalMessage()).id;
}
