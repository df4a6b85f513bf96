// Server tools: tools Anthropic runs itself. A web search whose answer cites its sources,
// code run in a sandbox, and a long turn that pauses and is continued.
//
//   node examples/server-tools.ts
//
// With no ANTHROPIC_BASE_URL and no key in the environment it starts the local mock
// (@parley/mock), which simulates these tools deterministically, offline. Set
// ANTHROPIC_API_KEY to run it against Anthropic; PARLEY_MODEL picks the model.
import type { MessageParam, TextCitation, ToolUnion, Parley } from '@parley/sdk';
import { model, runExample } from './run-example.ts';

/** Where a citation points: a web page's title and address, or a document's title. */
function source(citation: TextCitation): string {
  switch (citation.type) {
    case 'web_search_result_location':
      return `${citation.title ?? 'untitled'} <${citation.url}>`;
    case 'search_result_location':
      return `${citation.title ?? 'untitled'} (${citation.source})`;
    default:
      return citation.document_title ?? `document ${citation.document_index}`;
  }
}

async function webSearch(client: Parley): Promise<void> {
  console.log('1. Web search, with the sources of each sentence:\n');
  const tools: ToolUnion[] = [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }];
  const message = await client.messages.create({
    model,
    max_tokens: 1024,
    tools,
    messages: [{ role: 'user', content: 'Use web_search to find the tallest building in Paris.' }],
  });
  for (const block of message.content) {
    if (block.type === 'server_tool_use') console.log(`   searched: ${JSON.stringify(block.input)}`);
    if (block.type === 'web_search_tool_result' && Array.isArray(block.content)) {
      for (const result of block.content) console.log(`   found:    ${result.title} <${result.url}>`);
    }
    if (block.type === 'text') {
      console.log(`   says:     ${block.text.trim()}`);
      for (const citation of block.citations ?? []) console.log(`             cites ${source(citation)}`);
    }
  }
  console.log(`   (${message.usage.server_tool_use?.web_search_requests ?? 0} search, stop_reason: ${String(message.stop_reason)})\n`);
}

async function codeExecution(client: Parley): Promise<void> {
  console.log('2. Code execution, streamed:\n');
  const stream = client.messages.stream({
    model,
    max_tokens: 1024,
    tools: [{ type: 'code_execution_20250825', name: 'code_execution' }],
    messages: [{ role: 'user', content: 'Use code_execution to print the first five primes: 2 3 5 7 11' }],
  });
  stream.on('text', (delta) => process.stdout.write(delta));
  const message = await stream.finalMessage();
  console.log('');
  for (const block of message.content) {
    if (block.type === 'server_tool_use') console.log(`   ran:    ${JSON.stringify(block.input)}`);
    if (block.type === 'bash_code_execution_tool_result' && block.content.type === 'bash_code_execution_result') {
      console.log(`   stdout: ${block.content.stdout.trim()} (exit ${block.content.return_code})`);
    }
  }
  console.log(`   container: ${message.container?.id ?? 'none'}\n`);
}

async function pausedTurn(client: Parley): Promise<void> {
  console.log('3. A long turn that pauses, continued by sending it back:\n');
  const tools: ToolUnion[] = [{ type: 'web_search_20250305', name: 'web_search' }];
  const messages: MessageParam[] = [
    { role: 'user', content: 'Take a pause after each step: use web_search for tide tables, then web_search for moon phases.' },
  ];
  for (let turn = 1; turn <= 5; turn++) {
    const message = await client.messages.create({ model, max_tokens: 1024, tools, messages });
    console.log(`   reply ${turn}: stop_reason ${String(message.stop_reason)}, ${message.content.length} blocks`);
    if (message.stop_reason !== 'pause_turn') return;
    // The reply goes back as it came, server tool blocks included, and the model goes on.
    messages.push({ role: 'assistant', content: message.content });
  }
  throw new Error('The turn did not finish in five replies.');
}

await runExample(async (client) => {
  await webSearch(client);
  await codeExecution(client);
  await pausedTurn(client);
});
