// Conversations that go on after a tool call: a tool_result turn sent by hand, and the
// tool runner. tools-auto calls a tool on every turn, so the runner needs a limit.
import { beforeEach, expect, it } from 'vitest';
import type { ContentBlockParam, ToolUseBlock } from '../../src/index.js';
import { alias, clientFor, describeReal } from './real-server.js';
import { LLAMA_TOOL_ID, getWeather, weatherCalls } from './weather.js';

const ASK = [{ role: 'user' as const, content: 'Plan my week in Lima.' }];
const firstToolUse = (content: readonly { type: string }[]) => content.find((block): block is ToolUseBlock => block.type === 'tool_use');

beforeEach(() => {
  weatherCalls.length = 0;
});

describeReal('tool conversations against llama-server', () => {
  it('answers a tool_result turn (tool_choice auto)', async () => {
    const client = clientFor('tools-auto');
    const params = { model: alias('tools-auto'), max_tokens: 200, tools: [getWeather.definition], tool_choice: { type: 'auto' as const } };
    const first = await client.messages.create({ ...params, messages: ASK });
    expect(first.stop_reason).toBe('tool_use');
    const call = firstToolUse(first.content);
    expect(call?.id).toMatch(LLAMA_TOOL_ID);

    const second = await client.messages.create({
      ...params,
      messages: [
        ...ASK,
        // The reply goes back as it came: llama's ids and a tool_use block that never had `input: {}`.
        { role: 'assistant', content: first.content as ContentBlockParam[] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call?.id ?? '', content: 'Lima: sunny for 3 days' }] },
      ],
    });
    expect(second.type).toBe('message');
    expect(second.stop_reason).toBe('tool_use');
    // The server read the whole conversation: the call and its result count as input.
    expect(second.usage.input_tokens).toBeGreaterThan(first.usage.input_tokens);
    expect(firstToolUse(second.content)?.id).not.toBe(call?.id);
  });

  it('runs the tool runner for two iterations, running the first reply’s call only', async () => {
    const runner = clientFor('tools-auto').messages.toolRunner({
      model: alias('tools-auto'),
      max_tokens: 200,
      tools: [getWeather],
      messages: ASK,
      max_iterations: 2,
    });
    const turns = [];
    for await (const message of runner) turns.push(message);
    const final = await runner.done();

    expect(turns.map((message) => message.stop_reason)).toEqual(['tool_use', 'tool_use']);
    expect(final).toBe(turns[1]);
    const firstCall = firstToolUse(turns[0]?.content ?? []);
    // The first call was run with its validated input; the second reply's call was not.
    expect(weatherCalls).toEqual([{ city: expect.any(String), days: expect.any(Number), toolUseId: firstCall?.id }]);
    expect(runner.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(runner.messages[2]?.content).toEqual([
      { type: 'tool_result', tool_use_id: firstCall?.id, content: `${weatherCalls[0]?.city ?? ''}: sunny for ${weatherCalls[0]?.days ?? 0} days` },
    ]);
  });

  it('runs the tool runner streamed, sending the accumulated tool_use back', async () => {
    const runner = clientFor('tools-auto').messages.toolRunner({
      model: alias('tools-auto'),
      max_tokens: 200,
      tools: [getWeather],
      messages: ASK,
      max_iterations: 2,
      stream: true,
    });
    const finals = [];
    for await (const stream of runner) finals.push(await stream.finalMessage());
    expect(finals.map((message) => message.stop_reason)).toEqual(['tool_use', 'tool_use']);
    // The streamed block (started without `input`) went back with its parsed input.
    const sent = runner.messages[1]?.content;
    const call = firstToolUse(finals[0]?.content ?? []);
    expect(sent).toEqual(finals[0]?.content);
    expect(JSON.parse(JSON.stringify(call))).toEqual({ type: 'tool_use', id: call?.id, name: 'get_weather', input: { city: weatherCalls[0]?.city, days: weatherCalls[0]?.days } });
    expect(weatherCalls).toHaveLength(1);
  });
});
