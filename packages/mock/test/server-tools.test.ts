// Server tools, simulated over real HTTP: web search with cited answers, web fetch, code
// execution in both flavours, max_uses, pause_turn and its continuation, each streamed
// as Anthropic streams it, and the same bytes for the same request.
/* eslint-disable @typescript-eslint/no-unsafe-return -- wire JSON is inspected as parsed `any` */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../src/index.js';
import { eventData, messageBody, postJSON, type Json } from './helpers.js';
import { messageFromEvents } from './rebuild-message.js';

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ port: 0 });
});
afterAll(() => server.close());

const SEARCH = { type: 'web_search_20250305', name: 'web_search' };
const FETCH = { type: 'web_fetch_20250910', name: 'web_fetch' };
const PYTHON = { type: 'code_execution_20250522', name: 'code_execution' };
const BASH = { type: 'code_execution_20250825', name: 'code_execution' };

async function create(body: unknown): Promise<Json> {
  const response = await postJSON(`${server.url}/v1/messages`, body);
  expect(response.status).toBe(200);
  return response.json();
}

async function stream(body: Record<string, unknown>): Promise<Json[]> {
  const response = await postJSON(`${server.url}/v1/messages`, { ...body, stream: true });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  return eventData(await response.text());
}

const types = (message: Json): string[] => message.content.map((block: Json) => block.type);

describe('web search', () => {
  const body = messageBody('Use web_search to find the tallest building in Paris.', { tools: [SEARCH] });

  it('searches, then answers citing every result', async () => {
    const message = await create(body);
    expect(types(message)).toEqual(['text', 'server_tool_use', 'web_search_tool_result', 'text']);
    const [preamble, use, result, answer] = message.content;
    expect(preamble.text).toBe('I will call web_search to answer that.');
    expect(use).toEqual({ type: 'server_tool_use', id: expect.stringMatching(/^srvtoolu_[A-Za-z0-9]{24}$/), name: 'web_search', input: { query: 'the tallest building in Paris' } });
    expect(result.tool_use_id).toBe(use.id);
    expect([2, 3]).toContain(result.content.length);
    for (const page of result.content) {
      expect(page).toEqual({
        type: 'web_search_result',
        url: expect.stringMatching(/^https:\/\/example\.(com|org|net|edu)\/the-tallest-building-in-paris$/),
        title: expect.stringMatching(/^The Tallest Building In Paris \| example\./),
        encrypted_content: expect.stringMatching(/^Enc[A-Za-z0-9]{64}$/),
        page_age: expect.stringMatching(/^[A-Z][a-z]+ \d{1,2}, 2025$/),
      });
    }
    expect(answer.citations.map((c: Json) => [c.type, c.url, c.title])).toEqual(result.content.map((page: Json) => ['web_search_result_location', page.url, page.title]));
    for (const citation of answer.citations) {
      expect(answer.text).toContain(citation.cited_text);
      expect(citation.encrypted_index).toMatch(/^Enc[A-Za-z0-9]{64}$/);
    }
    expect(answer.text).toMatch(/^Here is what the web says about "the tallest building in Paris": An overview of the tallest building in Paris/);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 0 });
    expect(message.container).toBeUndefined();
  });

  it('keeps to allowed_domains and away from blocked_domains', async () => {
    const allowed = await create(messageBody('web_search python decorators', { tools: [{ ...SEARCH, type: 'web_search_20260209', allowed_domains: ['docs.python.org', 'https://www.wikipedia.org/wiki'], blocked_domains: ['wikipedia.org'] }] }));
    const hosts = allowed.content[2].content.map((page: Json) => new URL(page.url).hostname);
    expect(hosts.every((host: string) => host === 'docs.python.org')).toBe(true);
    expect(hosts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(allowed.content[2].content.map((page: Json) => page.url)).size).toBe(hosts.length);
    const blocked = await create(messageBody('web_search python decorators', { tools: [{ ...SEARCH, blocked_domains: ['example.com', 'www.example.net'] }] }));
    const left = blocked.content[2].content.map((page: Json) => new URL(page.url).hostname);
    expect(new Set(left)).toEqual(new Set(['example.org', 'example.edu']));
  });

  it('searches once per mention, and answers a search past max_uses with max_uses_exceeded', async () => {
    const message = await create(messageBody('web_search cats, then web_search dogs.', { tools: [{ ...SEARCH, max_uses: 1 }] }));
    expect(types(message)).toEqual(['text', 'server_tool_use', 'web_search_tool_result', 'server_tool_use', 'web_search_tool_result', 'text', 'text']);
    expect([message.content[1].input, message.content[3].input]).toEqual([{ query: 'cats' }, { query: 'dogs' }]);
    expect(message.content[1].id).not.toBe(message.content[3].id);
    expect(message.content[4].content).toEqual({ type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' });
    expect(message.content[6]).toEqual({ type: 'text', text: 'I could not search the web for "dogs" (max_uses_exceeded).' });
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 0 });
  });

  it('searches for the whole question when tool_choice forces it, without a preamble', async () => {
    const message = await create(messageBody('Who won the 2022 World Cup?', { tools: [SEARCH], tool_choice: { type: 'tool', name: 'web_search' } }));
    expect(types(message)).toEqual(['server_tool_use', 'web_search_tool_result', 'text']);
    expect(message.content[0].input).toEqual({ query: 'Who won the 2022 World Cup' });
  });

  it('does not search unless asked', async () => {
    const message = await create(messageBody('What is the tallest building in Paris?', { tools: [SEARCH] }));
    expect(types(message)).toEqual(['text']);
    expect(message.usage.server_tool_use).toBeUndefined();
  });
});

describe('pause_turn', () => {
  const question = { role: 'user', content: 'web_search cats, then web_search dogs. Pause after each search.' };
  const body = (messages: unknown[]) => messageBody('', { tools: [SEARCH], messages });

  it('pauses after each search and continues when the reply is sent back', async () => {
    const first = await create(body([question]));
    expect(first.stop_reason).toBe('pause_turn');
    expect(types(first)).toEqual(['text', 'server_tool_use', 'web_search_tool_result']);
    expect(first.content[1].input).toEqual({ query: 'cats' });
    expect(first.usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 0 });

    const second = await create(body([question, { role: 'assistant', content: first.content }]));
    expect(second.stop_reason).toBe('pause_turn');
    expect(types(second)).toEqual(['server_tool_use', 'web_search_tool_result']);
    expect(second.content[0].input).toEqual({ query: 'dogs' });

    // The turn so far as one assistant message, or as two: the API merges them.
    for (const turn of [[{ role: 'assistant', content: [...first.content, ...second.content] }], [{ role: 'assistant', content: first.content }, { role: 'assistant', content: second.content }]]) {
      const last = await create(body([question, ...turn]));
      expect(last.stop_reason).toBe('end_turn');
      expect(types(last)).toEqual(['text', 'text']);
      expect(last.content[0].citations.map((c: Json) => c.url)).toEqual(first.content[2].content.map((page: Json) => page.url));
      expect(last.content[1].citations.map((c: Json) => c.url)).toEqual(second.content[1].content.map((page: Json) => page.url));
      expect(last.usage.server_tool_use).toBeUndefined();
    }
  });

  it('counts max_uses over the whole paused turn', async () => {
    const limited = (messages: unknown[]) => messageBody('', { tools: [{ ...SEARCH, max_uses: 1 }], messages });
    const first = await create(limited([question]));
    const second = await create(limited([question, { role: 'assistant', content: first.content }]));
    expect(second.content[1].content).toEqual({ type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' });
  });
});

describe('web fetch', () => {
  it('fetches the first URL in the user text', async () => {
    const message = await create(messageBody('Please web_fetch https://docs.example.com/guide/getting-started. Then summarise it.', { tools: [FETCH] }));
    expect(types(message)).toEqual(['text', 'server_tool_use', 'web_fetch_tool_result', 'text']);
    const [, use, result, answer] = message.content;
    expect(use).toMatchObject({ name: 'web_fetch', input: { url: 'https://docs.example.com/guide/getting-started' } });
    expect(result).toEqual({
      type: 'web_fetch_tool_result',
      tool_use_id: use.id,
      content: {
        type: 'web_fetch_result',
        url: 'https://docs.example.com/guide/getting-started',
        retrieved_at: '2025-06-01T12:00:00Z',
        content: {
          type: 'document',
          source: { type: 'text', media_type: 'text/plain', data: expect.stringMatching(/^Getting Started\n\nThis page at https:\/\/docs\.example\.com\/guide\/getting-started was written by the Parley mock server\./) },
          title: 'Getting Started',
          citations: null,
        },
      },
    });
    expect(answer.text).toBe('I fetched https://docs.example.com/guide/getting-started. The page is titled "Getting Started" and says it was written by the Parley mock server.');
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 0, web_fetch_requests: 1 });
  });

  it('makes up a URL from the words when there is none, and marks the page citable when asked', async () => {
    const message = await create(messageBody('web_fetch the release notes', { tools: [{ ...FETCH, citations: { enabled: true } }] }));
    expect(message.content[1].input).toEqual({ url: 'https://example.com/the-release-notes' });
    expect(message.content[2].content.content).toMatchObject({ title: 'The Release Notes', citations: { enabled: true } });
  });

  it('refuses a URL outside allowed_domains with url_not_allowed', async () => {
    const message = await create(messageBody('web_fetch https://example.com/a', { tools: [{ ...FETCH, allowed_domains: ['example.org'] }] }));
    expect(message.content[2].content).toEqual({ type: 'web_fetch_tool_result_error', error_code: 'url_not_allowed' });
    expect(message.content[3].text).toBe('I could not fetch https://example.com/a (url_not_allowed).');
    expect(message.usage.server_tool_use).toEqual({ web_search_requests: 0, web_fetch_requests: 0 });
  });
});

describe('code execution', () => {
  it('runs Python with code_execution_20250522: the code prints the words, the output is them', async () => {
    const message = await create(messageBody('Run code_execution to print hello world', { tools: [PYTHON] }));
    expect(types(message)).toEqual(['text', 'server_tool_use', 'code_execution_tool_result', 'text']);
    const [, use, result, answer] = message.content;
    expect(use).toMatchObject({ name: 'code_execution', input: { code: 'print("hello world")' } });
    expect(result).toEqual({ type: 'code_execution_tool_result', tool_use_id: use.id, content: { type: 'code_execution_result', stdout: 'hello world\n', stderr: '', return_code: 0, content: [] } });
    expect(answer.text).toBe('The code ran and printed: hello world');
    expect(message.container).toEqual({ id: expect.stringMatching(/^container_[A-Za-z0-9]{24}$/), expires_at: '2099-12-31T23:59:59Z', skills: null });
    // Code execution is not a web search or fetch.
    expect(message.usage.server_tool_use).toBeUndefined();
  });

  it('runs shell commands with code_execution_20250825 and later', async () => {
    for (const type of ['code_execution_20250825', 'code_execution_20260120', 'code_execution_20260521']) {
      const message = await create(messageBody("code_execution: it's done", { tools: [{ ...BASH, type }] }));
      const [, use, result] = message.content;
      expect(use).toMatchObject({ type: 'server_tool_use', name: 'bash_code_execution', input: { command: "echo 'it'\\''s done'" } });
      expect(result).toEqual({ type: 'bash_code_execution_tool_result', tool_use_id: use.id, content: { type: 'bash_code_execution_result', stdout: "it's done\n", stderr: '', return_code: 0, content: [] } });
    }
  });

  it('runs in the container the request names, with its skills', async () => {
    const byId = await create(messageBody('code_execution 1', { tools: [BASH], container: 'container_011CPR5CNjB747bTd36fQLFk' }));
    expect(byId.container).toEqual({ id: 'container_011CPR5CNjB747bTd36fQLFk', expires_at: '2099-12-31T23:59:59Z', skills: null });
    const skills = await create(messageBody('code_execution 1', { tools: [BASH], container: { skills: [{ type: 'anthropic', skill_id: 'xlsx' }, { type: 'custom', skill_id: 'skill_01', version: '3' }] } }));
    expect(skills.container.skills).toEqual([{ type: 'anthropic', skill_id: 'xlsx', version: 'latest' }, { type: 'custom', skill_id: 'skill_01', version: '3' }]);
    const idle = await create(messageBody('no code today', { tools: [BASH], container: 'container_011CPR5CNjB747bTd36fQLFk' }));
    expect(idle.container).toBeUndefined();
  });

  it('runs server tools first, then calls the client tools, ending the turn with tool_use', async () => {
    const weather = { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
    const message = await create(messageBody('get_weather after code_execution 2+2', { tools: [weather, PYTHON] }));
    expect(types(message)).toEqual(['text', 'server_tool_use', 'code_execution_tool_result', 'tool_use']);
    expect(message.content[0].text).toBe('I will call code_execution and get_weather to answer that.');
    expect(message.content[3]).toMatchObject({ name: 'get_weather', input: { city: 'example city' } });
    expect(message.stop_reason).toBe('tool_use');
  });
});

describe('limits', () => {
  it('keeps a server call and its result together when max_tokens runs out', async () => {
    const message = await create(messageBody('web_search cats', { tools: [SEARCH], tool_choice: { type: 'any' }, max_tokens: 2 }));
    // The call costs 3 tokens (`web_search`, `query`, `cats`): with 2, nothing fits.
    expect(message).toMatchObject({ content: [], stop_reason: 'max_tokens', usage: { output_tokens: 0 } });
    expect(message.usage.server_tool_use).toBeUndefined();
    const fits = await create(messageBody('web_search cats', { tools: [SEARCH], tool_choice: { type: 'any' }, max_tokens: 3 }));
    expect(types(fits)).toEqual(['server_tool_use', 'web_search_tool_result']);
    expect(fits).toMatchObject({ stop_reason: 'max_tokens', usage: { output_tokens: 3, server_tool_use: { web_search_requests: 1 } } });
  });
});

describe('streamed server tools', () => {
  const scenarios: [string, Record<string, unknown>][] = [
    ['web search', messageBody('Use web_search to find the tallest building in Paris.', { tools: [SEARCH] })],
    ['web fetch', messageBody('web_fetch https://docs.example.com/a', { tools: [FETCH] })],
    ['python', messageBody('code_execution hello', { tools: [PYTHON] })],
    ['bash', messageBody('code_execution hello', { tools: [BASH], thinking: { type: 'between_tools' } })],
    ['pause', messageBody('web_search cats. Pause.', { tools: [SEARCH], thinking: { type: 'adaptive' } })],
  ];

  it.each(scenarios)('streams the same message (%s)', async (_name, body) => {
    const json = await create(body);
    const events = await stream(body);
    expect(messageFromEvents(events)).toEqual(json);
  });

  it.each(scenarios)('streams tool input as JSON fragments and results whole (%s)', async (_name, body) => {
    const json = await create(body);
    const events = await stream(body);
    json.content.forEach((block: Json, index: number) => {
      const start = events.find((event) => event.type === 'content_block_start' && event.index === index);
      const deltas = events.filter((event) => event.type === 'content_block_delta' && event.index === index).map((event) => event.delta);
      if (block.type === 'server_tool_use') {
        expect(start.content_block).toEqual({ ...block, input: {} });
        expect(deltas.every((delta: Json) => delta.type === 'input_json_delta')).toBe(true);
        expect(deltas.length).toBeGreaterThan(2);
        expect(JSON.parse(deltas.map((delta: Json) => delta.partial_json).join(''))).toEqual(block.input);
      } else if (block.type.endsWith('_tool_result')) {
        expect(start.content_block).toEqual(block);
        expect(deltas).toEqual([]);
      }
    });
  });

  it('sends each citation as a citations_delta before the text it supports', async () => {
    const body = scenarios[0]?.[1] ?? {};
    const json = await create(body);
    const events = await stream(body);
    const index = json.content.length - 1;
    const start = events.find((event) => event.type === 'content_block_start' && event.index === index);
    expect(start.content_block).toEqual({ type: 'text', text: '', citations: [] });
    const kinds = events.filter((event) => event.type === 'content_block_delta' && event.index === index).map((event) => event.delta.type);
    const cited = json.content[index].citations.length;
    expect(kinds.slice(0, cited)).toEqual(Array(cited).fill('citations_delta'));
    expect(kinds.slice(cited).every((kind: string) => kind === 'text_delta')).toBe(true);
  });

  it('reports server tool counts and the container in message_delta', async () => {
    const search = await stream(scenarios[0]?.[1] ?? {});
    expect(search[0].message.usage.server_tool_use).toBeUndefined();
    expect(search.at(-2).usage.server_tool_use).toEqual({ web_search_requests: 1, web_fetch_requests: 0 });
    const code = await stream(scenarios[2]?.[1] ?? {});
    expect(code[0].message.container).toBeUndefined();
    expect(code.at(-2).delta.container).toMatchObject({ id: expect.stringMatching(/^container_/) });
  });
});

describe('determinism', () => {
  it('gives the same bytes for the same server tool request, JSON and SSE', async () => {
    const other = await startMockServer({ port: 0 });
    try {
      for (const [, body] of [['all', messageBody('web_search cats then web_fetch https://example.org/x then code_execution hi', { tools: [SEARCH, FETCH, BASH] })]] as const) {
        for (const streamed of [false, true]) {
          const request = { ...body, stream: streamed };
          const once = await (await postJSON(`${server.url}/v1/messages`, request)).text();
          expect(await (await postJSON(`${server.url}/v1/messages`, request)).text()).toBe(once);
          expect(await (await postJSON(`${other.url}/v1/messages`, request)).text()).toBe(once);
        }
      }
    } finally {
      await other.close();
    }
  });
});
