// A reply holding every block the Messages API returns today (and one it may return
// tomorrow), every citation kind and every usage field must reach the caller exactly as
// the server sent it: whole as JSON, and streamed as SSE however the bytes are cut on
// the way. The server is a plain node:http one, so the bytes are the test's, not a mock's.
import type { ServerResponse } from 'node:http';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accumulate, Parley, type Message } from '../src/index.js';
import { API_KEY, PARAMS, rawServer } from './helpers.js';

const CODE_ID = 'srvtoolu_01CodE5xWq8rTy3uIo9pAs2d';

const CITATIONS = [
  { type: 'char_location', cited_text: 'The grass is green. ', document_index: 0, document_title: 'Notes', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w', start_char_index: 0, end_char_index: 20 },
  { type: 'page_location', cited_text: 'The sky is blue.', document_index: 1, document_title: null, file_id: null, start_page_number: 2, end_page_number: 3 },
  { type: 'content_block_location', cited_text: 'Water is wet.', document_index: 2, document_title: 'Facts', start_block_index: 0, end_block_index: 1 },
  { type: 'web_search_result_location', cited_text: 'Paris: sunny, 24°C.', url: 'https://weather.example.com/paris', title: 'Paris weather', encrypted_index: 'EpMBCioIAhgBIiQ3ZGE0ZDJl' },
  { type: 'search_result_location', cited_text: 'Responses are JSON.', search_result_index: 0, source: 'https://docs.example.com/api', title: null, start_block_index: 0, end_block_index: 1 },
] as const;

/** What the server sends: all twelve block types, a block type from the future, every reply and usage field. */
const REPLY = {
  id: 'msg_01EveryBlock7kQ2xWn4Lp9R',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5-20250929',
  content: [
    { type: 'thinking', thinking: 'The user wants everything at once: search, fetch, code, tools.', signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrk' },
    { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP' },
    { type: 'text', text: 'I’ll search, fetch, run code and look for a tool — "all at once".\n', citations: null },
    { type: 'server_tool_use', id: 'srvtoolu_01WebS3aRcH8dF2gH6jK', name: 'web_search', input: { query: 'weather Paris today' }, caller: { type: 'direct' } },
    {
      type: 'web_search_tool_result',
      tool_use_id: 'srvtoolu_01WebS3aRcH8dF2gH6jK',
      content: [
        { type: 'web_search_result', url: 'https://weather.example.com/paris', title: 'Paris weather', encrypted_content: 'Ev0DCioIAxgCIiQ3NmU4ZmI4OC1k', page_age: '1 hour ago' },
        { type: 'web_search_result', url: 'https://météo.example.fr/', title: 'Météo 😀', encrypted_content: 'EuQCCioIAxgCIiQ3NmU4', page_age: null },
      ],
    },
    { type: 'server_tool_use', id: 'srvtoolu_01WebF9eTcH2kL5mN8pQ', name: 'web_fetch', input: { url: 'https://example.com/paper.pdf' } },
    {
      type: 'web_fetch_tool_result',
      tool_use_id: 'srvtoolu_01WebF9eTcH2kL5mN8pQ',
      content: {
        type: 'web_fetch_result',
        url: 'https://example.com/paper.pdf',
        retrieved_at: '2025-08-25T10:30:02.123456Z',
        content: { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQKJcOkw7zDtsOf' }, title: 'Paper', citations: { enabled: true } },
      },
    },
    { type: 'server_tool_use', id: CODE_ID, name: 'code_execution', input: { code: 'print(sum(range(10)))\nprint("é")' } },
    {
      type: 'code_execution_tool_result',
      tool_use_id: CODE_ID,
      content: { type: 'code_execution_result', stdout: '45\né\n', stderr: '', return_code: 0, content: [{ type: 'code_execution_output', file_id: 'file_011Plot1xYz' }] },
    },
    { type: 'server_tool_use', id: 'srvtoolu_01BasH4xK7mQ1wE3', name: 'bash_code_execution', input: { command: 'sleep 999' } },
    { type: 'bash_code_execution_tool_result', tool_use_id: 'srvtoolu_01BasH4xK7mQ1wE3', content: { type: 'bash_code_execution_tool_result_error', error_code: 'execution_time_exceeded' } },
    { type: 'server_tool_use', id: 'srvtoolu_01EdiT6yH2nB8vC4', name: 'text_editor_code_execution', input: { command: 'view', path: '/mnt/notes.txt' } },
    {
      type: 'text_editor_code_execution_tool_result',
      tool_use_id: 'srvtoolu_01EdiT6yH2nB8vC4',
      content: { type: 'text_editor_code_execution_view_result', file_type: 'text', content: 'line one\nline two\n', start_line: 1, num_lines: 2, total_lines: 2 },
    },
    { type: 'server_tool_use', id: 'srvtoolu_01TooL8sE4rC6hJ2', name: 'tool_search_tool_bm25', input: { query: 'weather forecast', limit: 3 } },
    {
      type: 'tool_search_tool_result',
      tool_use_id: 'srvtoolu_01TooL8sE4rC6hJ2',
      content: { type: 'tool_search_tool_search_result', tool_references: [{ type: 'tool_reference', tool_name: 'get_weather' }] },
    },
    { type: 'container_upload', file_id: 'file_011Upload9aBc' },
    {
      type: 'tool_use',
      id: 'toolu_01GetW3aThEr5xYz',
      name: 'get_weather',
      input: { location: 'Paris', days: [1, 2.5, -3e2], note: 'quote " and \\ and\nnewline 😀', nested: { ok: true, none: null } },
      caller: { type: 'code_execution_20250825', tool_id: CODE_ID },
    },
    { type: 'text', text: 'The sources agree: green grass, blue sky, wet water, sunny Paris, JSON answers.', citations: CITATIONS },
    { type: 'hologram_tool_result', tool_use_id: 'srvtoolu_01HoLo', frames: [{ t: 0, data: 'AAEC' }], meta: { nested: [1, null, 'two'] } },
    { type: 'text', text: 'Done — for now.' },
  ],
  stop_reason: 'refusal',
  stop_sequence: null,
  stop_details: { type: 'refusal', category: 'cyber', explanation: 'The last step was declined.' },
  usage: {
    input_tokens: 10682,
    output_tokens: 1503,
    cache_creation_input_tokens: 2048,
    cache_read_input_tokens: 4096,
    cache_creation: { ephemeral_5m_input_tokens: 1024, ephemeral_1h_input_tokens: 1024 },
    output_tokens_details: { thinking_tokens: 420 },
    server_tool_use: { web_search_requests: 1, web_fetch_requests: 1 },
    service_tier: 'priority',
    speed: 'fast',
    inference_geo: 'us',
  },
  container: { id: 'container_011CRqdWWHnN8KSjGbz6nq3b', expires_at: '2025-11-23T12:34:56.123456Z', skills: [{ type: 'anthropic', skill_id: 'pdf', version: 'latest' }] },
  diagnostics: { cache_miss_reason: { type: 'tools_changed', cache_missed_input_tokens: 1200 } },
};

type Block = Record<string, unknown> & { type: string };

/** Cuts a string into `parts` pieces (the first may be empty, as Anthropic's first input fragment is). */
function pieces(text: string, parts: number): string[] {
  const size = Math.ceil(text.length / (parts - 1));
  const out = [''];
  for (let at = 0; at < text.length; at += size) out.push(text.slice(at, at + size));
  return out;
}

/**
 * The events a server streams for REPLY, the way Anthropic streams each kind: text,
 * thinking and tool input grow by deltas, citations arrive one `citations_delta` each,
 * result and unknown blocks come whole in `content_block_start`, and `message_delta`
 * brings the stop, the container and the final usage. An unknown event and unknown
 * deltas ride along and must change nothing.
 */
function eventsOf(reply: typeof REPLY): Record<string, unknown>[] {
  const { usage } = reply;
  const events: Record<string, unknown>[] = [
    {
      type: 'message_start',
      message: {
        ...reply,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        stop_details: null,
        container: null,
        usage: { ...usage, output_tokens: 1, output_tokens_details: null, server_tool_use: null },
      },
    },
    { type: 'reply_annotation', annotation: { level: 1 } },
  ];
  (reply.content as readonly Block[]).forEach((block, index) => {
    const delta = (body: Record<string, unknown>) => events.push({ type: 'content_block_delta', index, delta: body });
    if (block.type === 'text') {
      const citations = block.citations as readonly unknown[] | null | undefined;
      const start: Block = { type: 'text', text: '' };
      if (citations !== undefined) start.citations = citations === null ? null : [];
      events.push({ type: 'content_block_start', index, content_block: start });
      const [first = '', ...rest] = pieces(block.text as string, 3).slice(1);
      delta({ type: 'text_delta', text: first });
      for (const citation of citations ?? []) delta({ type: 'citations_delta', citation });
      delta({ type: 'text_glow_delta', glow: 0.5, text: 'not part of the text' });
      for (const text of rest) delta({ type: 'text_delta', text });
    } else if (block.type === 'thinking') {
      events.push({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      for (const thinking of pieces(block.thinking as string, 3).slice(1)) delta({ type: 'thinking_delta', thinking });
      delta({ type: 'signature_delta', signature: block.signature });
    } else if (block.type === 'tool_use' || block.type === 'server_tool_use') {
      events.push({ type: 'content_block_start', index, content_block: { ...block, input: {} } });
      for (const partial_json of pieces(JSON.stringify(block.input), 4)) delta({ type: 'input_json_delta', partial_json });
    } else {
      events.push({ type: 'content_block_start', index, content_block: block });
      if (block.type === 'hologram_tool_result') delta({ type: 'hologram_frame_delta', frame: { t: 1 } });
    }
    events.push({ type: 'content_block_stop', index });
    if (index === 4) events.push({ type: 'ping' });
  });
  events.push(
    {
      type: 'message_delta',
      delta: { stop_reason: reply.stop_reason, stop_sequence: reply.stop_sequence, stop_details: reply.stop_details, container: reply.container },
      usage: {
        input_tokens: usage.input_tokens,
        cache_creation_input_tokens: usage.cache_creation_input_tokens,
        cache_read_input_tokens: usage.cache_read_input_tokens,
        output_tokens: usage.output_tokens,
        output_tokens_details: usage.output_tokens_details,
        server_tool_use: usage.server_tool_use,
      },
    },
    { type: 'message_stop' },
  );
  return events;
}

const EVENTS = eventsOf(REPLY);
const SSE = new TextEncoder().encode(EVENTS.map((event) => `event: ${event.type as string}\ndata: ${JSON.stringify(event)}\n\n`).join(''));

// Offsets that fall inside a multi-byte UTF-8 character (é, —, 😀, °): the cuts a decoder
// gets wrong most easily, so the chunkings below pick them often.
const INSIDE_CHARACTERS = [...SSE.keys()].filter((at) => ((SSE[at] ?? 0) & 0xc0) === 0x80);

const cutPoints = fc
  .uniqueArray(fc.oneof(fc.integer({ min: 1, max: SSE.length - 1 }), fc.constantFrom(...INSIDE_CHARACTERS)), { minLength: 1, maxLength: 80 })
  .map((cuts) => cuts.sort((a, b) => a - b));

function chunksAt(cuts: readonly number[]): Uint8Array[] {
  const edges = [0, ...cuts, SSE.length];
  return edges.slice(1).map((end, i) => SSE.subarray(edges[i], end));
}

/** Writes each chunk on its own and waits until it has left for the socket before the next. */
async function writeApart(res: ServerResponse, chunks: readonly Uint8Array[]): Promise<void> {
  res.socket?.setNoDelay(true);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  for (const chunk of chunks) {
    await new Promise<void>((resolve, reject) => {
      res.write(chunk, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}

/**
 * A server whose every response is given by the test: `answer(run, chunks)` makes the
 * request carrying header `x-run: <run>` get those chunks. Without a chunking it replies
 * with REPLY as JSON.
 */
async function replyServer() {
  const chunkings = new Map<string, Uint8Array[]>();
  const server = await rawServer((req, res) => {
    const chunks = chunkings.get(String(req.headers['x-run']));
    if (chunks === undefined) {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_json' });
      res.end(JSON.stringify(REPLY));
      return;
    }
    writeApart(res, chunks).catch((error: unknown) => {
      res.destroy(error as Error);
    });
  });
  let runs = 0;
  const client = new Parley({ apiKey: API_KEY, baseURL: server.url, maxRetries: 0 });
  /** The request options that make the next request get `chunks`. */
  const answer = (chunks: Uint8Array[]) => {
    const run = String(++runs);
    chunkings.set(run, chunks);
    return { headers: { 'x-run': run } };
  };
  return { client, answer, hits: server.hits };
}

describe('a reply with every block type', () => {
  it('is built from the events as the server meant it (a check of this test’s own stream)', () => {
    let message: Message | undefined;
    for (const event of EVENTS) message = accumulate(message, event as Parameters<typeof accumulate>[1]);
    expect(message).toStrictEqual(REPLY);
    expect(new Set(REPLY.content.map((block) => block.type)).size).toBe(13);
  });

  it('comes back from messages.create() exactly as sent', async () => {
    const { client, hits } = await replyServer();
    const message = await client.messages.create(PARAMS);
    expect(message).toStrictEqual(REPLY);
    expect(hits.map((hit) => `${hit.method} ${hit.path}`)).toEqual(['POST /v1/messages']);
  });

  it('comes back from messages.stream().finalMessage() exactly as sent, however the bytes are cut', async () => {
    const { client, answer, hits } = await replyServer();
    await fc.assert(
      fc.asyncProperty(cutPoints, async (cuts) => {
        const citations: string[] = [];
        const stream = client.messages.stream(PARAMS, answer(chunksAt(cuts))).on('citation', (citation) => citations.push(citation.type));
        expect(await stream.finalMessage()).toStrictEqual(REPLY);
        expect(citations).toEqual(CITATIONS.map((citation) => citation.type));
      }),
      { numRuns: 30 },
    );
    expect(hits).toHaveLength(30);
    expect(JSON.parse(hits[0]?.body ?? '{}')).toMatchObject({ stream: true });
  });

  it('comes back from create({ stream: true }) iterated: the same events, and the same message, however the bytes are cut', async () => {
    const { client, answer, hits } = await replyServer();
    await fc.assert(
      fc.asyncProperty(cutPoints, async (cuts) => {
        const stream = await client.messages.create({ ...PARAMS, stream: true }, answer(chunksAt(cuts)));
        const events: unknown[] = [];
        let message: Message | undefined;
        for await (const event of stream) {
          events.push(event);
          message = accumulate(message, event);
        }
        expect(events).toStrictEqual(EVENTS);
        expect(message).toStrictEqual(REPLY);
        expect(await stream.finalMessage()).toStrictEqual(REPLY);
      }),
      { numRuns: 30 },
    );
    expect(hits).toHaveLength(30);
  });
});
