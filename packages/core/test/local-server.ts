import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ErrorResponse, Message, MessageTokensCount } from '../src/index.js';

// A tiny Messages API stand-in for the round-trip tests: fixed answers, every request
// recorded as received, bound to 127.0.0.1 on a free port.

/** A request body containing this string is answered with a 400 error body. */
export const BAD_REQUEST_MARKER = 'please-answer-400';

export const MESSAGE: Message = {
  id: 'msg_01LocalServer',
  type: 'message',
  role: 'assistant',
  content: [
    { type: 'text', text: 'Checking the weather.' },
    { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { location: 'Tokyo' } },
  ],
  model: 'claude-sonnet-4-5-20250929',
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 21, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
};

export const TOKEN_COUNT: MessageTokensCount = { input_tokens: 42 };

export const ERROR_BODY: ErrorResponse = {
  type: 'error',
  error: { type: 'invalid_request_error', message: 'messages.0.content: something is off' },
  request_id: 'req_01LocalServer',
};

// A complete streamed reply, byte for byte; "é" and "👋" make sure multi-byte text is
// split across the chunks written below.
export const SSE_TEXT = [
  'event: message_start',
  'data: {"type":"message_start","message":{"id":"msg_01Stream","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":8,"output_tokens":1}}}',
  '',
  'event: content_block_start',
  'data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}',
  '',
  'event: ping',
  'data: {"type": "ping"}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Café "}}',
  '',
  'event: content_block_delta',
  'data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"👋"}}',
  '',
  'event: content_block_stop',
  'data: {"type":"content_block_stop","index":0}',
  '',
  'event: message_delta',
  'data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":4}}',
  '',
  'event: message_stop',
  'data: {"type":"message_stop"}',
  '',
  '',
].join('\n');

const SSE_CHUNK_BYTES = 37;

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface LocalServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  close: () => Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Uint8Array[] = [];
  for await (const chunk of req) chunks.push(chunk as Uint8Array);
  return Buffer.concat(chunks).toString('utf8');
};

const sendJson = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_01LocalServer' });
  res.end(JSON.stringify(body));
};

const sendSse = async (res: ServerResponse): Promise<void> => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const bytes = Buffer.from(SSE_TEXT, 'utf8');
  for (let start = 0; start < bytes.length; start += SSE_CHUNK_BYTES) {
    res.write(bytes.subarray(start, start + SSE_CHUNK_BYTES));
    // Yield so the chunks leave as separate writes rather than one coalesced buffer.
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
};

const answer = async (req: IncomingMessage, res: ServerResponse, requests: ReceivedRequest[]): Promise<void> => {
  const body = await readBody(req);
  const method = req.method ?? '';
  const url = req.url ?? '';
  requests.push({ method, url, headers: req.headers, body });
  if (method !== 'POST' || (url !== '/v1/messages' && url !== '/v1/messages/count_tokens')) {
    sendJson(res, 404, { type: 'error', error: { type: 'not_found_error', message: `No route for ${method} ${url}` } });
    return;
  }
  if (body.includes(BAD_REQUEST_MARKER)) {
    sendJson(res, 400, ERROR_BODY);
    return;
  }
  if (url === '/v1/messages/count_tokens') {
    sendJson(res, 200, TOKEN_COUNT);
    return;
  }
  const params = JSON.parse(body) as { stream?: boolean };
  if (params.stream === true) {
    await sendSse(res);
    return;
  }
  sendJson(res, 200, MESSAGE);
};

/** Starts the stand-in on 127.0.0.1 with a free port; `close()` ends it and its connections. */
export async function startLocalServer(): Promise<LocalServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    answer(req, res, requests).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
