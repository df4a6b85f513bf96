// Tool calls from llama-server, whole and streamed: its tool_use blocks start without an
// `input` field and, several at once, all start before any stops.
import { expect, it } from 'vitest';
import { parseToolUses, type ContentBlock, type MessageStreamEvent, type ToolUseBlock } from '../../src/index.js';
import { alias, clientFor, describeReal } from './real-server.js';
import { LLAMA_TOOL_ID, getWeather, weatherInput } from './weather.js';

const ASK = [{ role: 'user' as const, content: 'What is the weather in Oslo?' }];
const toolUses = (content: readonly ContentBlock[]) => content.filter((block): block is ToolUseBlock => block.type === 'tool_use');

describeReal('tool calls against llama-server', () => {
  it('parses the input of a whole tool_use block', async () => {
    const message = await clientFor('tools').messages.create({
      model: alias('tools'),
      max_tokens: 200,
      tools: [getWeather.definition],
      tool_choice: { type: 'any' },
      messages: ASK,
    });
    expect(message.stop_reason).toBe('tool_use');
    const [call, ...rest] = toolUses(message.content);
    expect(rest).toEqual([]);
    expect(call?.id).toMatch(LLAMA_TOOL_ID);
    expect(call?.name).toBe('get_weather');
    expect(weatherInput.safeParse(call?.input).success).toBe(true);

    const [parsed] = await parseToolUses(message, [getWeather]);
    expect(parsed).toMatchObject({ status: 'valid', id: call?.id, input: call?.input });
  });

  it('accumulates a streamed tool_use whose start has no input field', async () => {
    const stream = clientFor('tools').messages.stream({
      model: alias('tools'),
      max_tokens: 200,
      tools: [getWeather.definition],
      tool_choice: { type: 'any' },
      messages: ASK,
    });
    const starts: unknown[] = [];
    const fragments: string[] = [];
    const snapshots: unknown[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_start') starts.push(event.content_block);
    });
    stream.on('inputJson', (fragment, snapshot) => {
      fragments.push(fragment);
      snapshots.push(structuredClone(snapshot));
    });
    const message = await stream.finalMessage();

    // The divergence this test is about: no `"input": {}` on the start.
    expect(starts).toEqual([{ type: 'tool_use', id: expect.stringMatching(LLAMA_TOOL_ID), name: 'get_weather' }]);
    expect(message.stop_reason).toBe('tool_use');
    const [call] = toolUses(message.content);
    const input = JSON.parse(fragments.join('')) as unknown;
    expect(call?.input).toEqual(input);
    expect(weatherInput.parse(call?.input)).toEqual(input);
    // Partial values along the way, ending with the whole input.
    expect(fragments.length).toBeGreaterThan(1);
    expect(snapshots.at(-1)).toEqual(input);
    for (const snapshot of snapshots) expect(typeof snapshot).toBe('object');
  });

  it('keeps several tool_use blocks apart when all start before any stops', async () => {
    const stream = clientFor('tools-parallel').messages.stream({
      model: alias('tools-parallel'),
      max_tokens: 220,
      tools: [getWeather.definition],
      tool_choice: { type: 'any' },
      messages: ASK,
    });
    const events: MessageStreamEvent[] = [];
    const fragments = new Map<number, string>();
    stream.on('streamEvent', (event) => {
      events.push(event);
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta') {
        fragments.set(event.index, (fragments.get(event.index) ?? '') + event.delta.partial_json);
      }
    });
    const message = await stream.finalMessage();

    const types = events.map((event) => event.type);
    const starts = events.filter((event) => event.type === 'content_block_start');
    expect(starts.length).toBeGreaterThanOrEqual(2);
    // Interleaved: the second block starts before the first one stops (Anthropic closes each first).
    expect(types.indexOf('content_block_stop')).toBeGreaterThan(types.lastIndexOf('content_block_start'));

    const calls = toolUses(message.content);
    expect(calls).toHaveLength(starts.length);
    expect(message.content).toHaveLength(starts.length);
    expect(new Set(calls.map((call) => call.id)).size).toBe(calls.length);
    for (const call of calls) expect(call).toMatchObject({ id: expect.stringMatching(LLAMA_TOOL_ID), name: 'get_weather' });
    // Every block got its own fragments; the complete ones parse to the block's input.
    // The last block may be cut off by max_tokens: its input is then what arrived of it.
    const complete = message.stop_reason === 'max_tokens' ? calls.slice(0, -1) : calls;
    expect(complete.length).toBeGreaterThanOrEqual(1);
    complete.forEach((call, index) => {
      expect(call.input).toEqual(JSON.parse(fragments.get(index) ?? ''));
      expect(weatherInput.safeParse(call.input).success).toBe(true);
    });
    expect(typeof calls.at(-1)?.input).toBe('object');
  });
});
