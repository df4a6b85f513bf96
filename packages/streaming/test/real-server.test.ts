import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MessageStreamEvent, ToolUseBlock } from '@parley/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MessageStream } from '../src/index.js';

// Against llama.cpp's llama-server, an independent implementation of the Messages API
// (see shared/real-server beside the project). Its models write gibberish, so these tests
// assert the protocol and the shape of what the stream builds, never the content. They
// are skipped where the real-server tooling is not installed.

const dir = process.env.PARLEY_REAL_SERVER_DIR ?? fileURLToPath(new URL('../../../../shared/real-server/', import.meta.url));
const available = existsSync(`${dir}/start.sh`);
const API_KEY = 'sk-test';
const servers: Record<'text' | 'tools-parallel', { pid: string; url: string }> = {} as never;

const run = (script: string, ...args: string[]): string =>
  execFileSync(`${dir}/${script}`, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

beforeAll(() => {
  if (!available) return;
  run('setup.sh');
  for (const model of ['text', 'tools-parallel'] as const) {
    const [pid = '', url = ''] = run('start.sh', '--model', model, '--api-key', API_KEY).split(' ');
    servers[model] = { pid, url };
  }
}, 120_000);

afterAll(() => {
  const pids = Object.values(servers).map((server) => server.pid);
  if (pids.length > 0) run('stop.sh', ...pids);
});

function request(model: 'text' | 'tools-parallel', body: object): Promise<Response> {
  return fetch(`${servers[model].url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ model: `tiny-${model}`, stream: true, messages: [{ role: 'user', content: 'Weather in Oslo and Bergen?' }], ...body }),
  });
}

describe.skipIf(!available)('MessageStream against llama.cpp', () => {
  it('builds the message of a text reply from its deltas', async () => {
    const stream = MessageStream.fromResponse(request('text', { max_tokens: 24 }));
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    expect(message.id).toMatch(/^chatcmpl-/);
    expect(['end_turn', 'max_tokens']).toContain(message.stop_reason);
    expect(message.content).toEqual([{ type: 'text', text: deltas.join('') }]);
    expect(await stream.finalText()).toBe(deltas.join(''));
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('builds every tool input of interleaved tool_use blocks from their JSON fragments', async () => {
    const tools = [
      {
        name: 'get_weather',
        input_schema: { type: 'object', properties: { city: { type: 'string', maxLength: 8 } }, required: ['city'] },
      },
    ];
    const stream = MessageStream.fromResponse(request('tools-parallel', { max_tokens: 300, tools, tool_choice: { type: 'any' } }));
    const fragments = new Map<number, string>();
    const events: MessageStreamEvent[] = [];
    let inputJsonCalls = 0;
    stream.on('inputJson', () => inputJsonCalls++);
    for await (const event of stream) {
      events.push(event);
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
        fragments.set(event.index, (fragments.get(event.index) ?? '') + event.delta.partial_json);
      }
    }
    const message = await stream.finalMessage();
    expect(events[0]?.type).toBe('message_start');
    expect(['tool_use', 'max_tokens']).toContain(message.stop_reason);
    expect(message.content.length).toBeGreaterThan(1);
    expect(inputJsonCalls).toBe(events.filter((event) => event.type === 'content_block_delta').length);
    message.content.forEach((block, index) => {
      expect(block.type).toBe('tool_use');
      const tool = block as ToolUseBlock;
      expect(tool.id).toMatch(/^[A-Za-z0-9]{32}$/);
      const text = fragments.get(index) ?? '';
      let parsed: unknown;
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        // Cut off by max_tokens: the input holds what had arrived, and is still an object.
        parsed = undefined;
      }
      if (parsed === undefined) expect(typeof tool.input).toBe('object');
      else expect(tool.input).toEqual(parsed);
    });
  });
});
