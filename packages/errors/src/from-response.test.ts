import { describe, expect, it } from 'vitest';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  OverloadedError,
  PermissionDeniedError,
  RateLimitError,
  RequestTooLargeError,
  ServiceUnavailableError,
  UnprocessableEntityError,
  errorFromStatus,
  fromResponse,
} from './index.js';

const anthropic = (type: string, message: string, requestId?: string) =>
  JSON.stringify({ type: 'error', error: { type, message }, ...(requestId === undefined ? {} : { request_id: requestId }) });
const openai = (type: string | undefined, message: string, code?: number | string) =>
  JSON.stringify({ error: { ...(code === undefined ? {} : { code }), message, ...(type === undefined ? {} : { type }) } });
const nginx502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n';

interface Row {
  name: string;
  status: number;
  headers?: Record<string, string>;
  body: string;
  errorClass: typeof APIError;
  type: string | undefined;
  requestId: string | undefined;
  message: string;
}

const rows: Row[] = [
  { name: 'Anthropic 400', status: 400, headers: { 'request-id': 'req_400' }, body: anthropic('invalid_request_error', 'max_tokens: Field required'), errorClass: BadRequestError, type: 'invalid_request_error', requestId: 'req_400', message: '400 invalid_request_error: max_tokens: Field required (request req_400)' },
  { name: 'llama.cpp 400 (OpenAI shape, unknown type)', status: 400, body: openai('exceed_context_size_error', 'the request exceeds the available context size', 400), errorClass: BadRequestError, type: 'exceed_context_size_error', requestId: undefined, message: '400 exceed_context_size_error: the request exceeds the available context size' },
  { name: 'llama.cpp 401', status: 401, body: openai('authentication_error', 'Invalid API Key', 401), errorClass: AuthenticationError, type: 'authentication_error', requestId: undefined, message: '401 authentication_error: Invalid API Key' },
  { name: 'Anthropic 403', status: 403, headers: { 'request-id': 'req_403' }, body: anthropic('permission_error', 'Your API key does not have permission to use the specified resource.'), errorClass: PermissionDeniedError, type: 'permission_error', requestId: 'req_403', message: '403 permission_error: Your API key does not have permission to use the specified resource. (request req_403)' },
  { name: 'llama.cpp 404 with x-request-id', status: 404, headers: { 'x-request-id': 'xr-1' }, body: openai('not_found_error', 'File Not Found', 404), errorClass: NotFoundError, type: 'not_found_error', requestId: 'xr-1', message: '404 not_found_error: File Not Found (request xr-1)' },
  { name: '409 plain text', status: 409, body: 'conflict: try again\n', errorClass: ConflictError, type: undefined, requestId: undefined, message: '409 Conflict: conflict: try again' },
  { name: 'Anthropic 413, request id only in the body', status: 413, body: anthropic('request_too_large', 'Request exceeds the maximum allowed number of bytes.', 'req_body'), errorClass: RequestTooLargeError, type: 'request_too_large', requestId: 'req_body', message: '413 request_too_large: Request exceeds the maximum allowed number of bytes. (request req_body)' },
  { name: '422 gateway {message}', status: 422, body: '{"message":"model field is not supported"}', errorClass: UnprocessableEntityError, type: undefined, requestId: undefined, message: '422 Unprocessable Content: model field is not supported' },
  { name: 'Anthropic 429', status: 429, headers: { 'request-id': 'req_429', 'retry-after': '12' }, body: anthropic('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'), errorClass: RateLimitError, type: 'rate_limit_error', requestId: 'req_429', message: '429 rate_limit_error: Number of request tokens has exceeded your per-minute rate limit (request req_429)' },
  { name: 'Anthropic 500', status: 500, body: anthropic('api_error', 'Internal server error', 'req_500'), errorClass: InternalServerError, type: 'api_error', requestId: 'req_500', message: '500 api_error: Internal server error (request req_500)' },
  { name: 'llama.cpp 500 server_error', status: 500, body: openai('server_error', 'image input is not supported', 500), errorClass: InternalServerError, type: 'server_error', requestId: undefined, message: '500 server_error: image input is not supported' },
  { name: 'nginx HTML 502', status: 502, headers: { 'content-type': 'text/html' }, body: nginx502, errorClass: InternalServerError, type: undefined, requestId: undefined, message: '502 Bad Gateway: (HTML page) 502 Bad Gateway' },
  { name: '503 Envoy plain text', status: 503, headers: { 'content-type': 'text/plain' }, body: 'upstream connect error or disconnect/reset before headers. reset reason: overflow', errorClass: ServiceUnavailableError, type: undefined, requestId: undefined, message: '503 Service Unavailable: upstream connect error or disconnect/reset before headers. reset reason: overflow' },
  { name: '504 empty body', status: 504, body: '', errorClass: InternalServerError, type: undefined, requestId: undefined, message: '504 Gateway Timeout: empty body' },
  { name: 'Anthropic 529', status: 529, headers: { 'request-id': 'req_123' }, body: anthropic('overloaded_error', 'Overloaded'), errorClass: OverloadedError, type: 'overloaded_error', requestId: 'req_123', message: '529 overloaded_error: Overloaded (request req_123)' },
  { name: '402 billing_error (other 4xx)', status: 402, body: anthropic('billing_error', 'Your credit balance is too low'), errorClass: APIError, type: 'billing_error', requestId: undefined, message: '402 billing_error: Your credit balance is too low' },
  { name: '408 empty body (other 4xx)', status: 408, body: '', errorClass: APIError, type: undefined, requestId: undefined, message: '408 Request Timeout: empty body' },
  { name: '418 unknown type is kept', status: 418, body: anthropic('teapot_error', 'I am a teapot'), errorClass: APIError, type: 'teapot_error', requestId: undefined, message: '418 teapot_error: I am a teapot' },
  { name: 'a relay 502 saying overloaded_error maps by type', status: 502, body: openai('overloaded_error', 'Overloaded'), errorClass: OverloadedError, type: 'overloaded_error', requestId: undefined, message: '502 overloaded_error: Overloaded' },
  { name: 'a 4xx without a class saying rate_limit_error maps by type', status: 420, body: anthropic('rate_limit_error', 'Enhance your calm'), errorClass: RateLimitError, type: 'rate_limit_error', requestId: undefined, message: '420 rate_limit_error: Enhance your calm' },
  { name: 'OpenAI shape with only a string code', status: 429, body: openai(undefined, 'Rate limit reached', 'rate_limit_exceeded'), errorClass: RateLimitError, type: undefined, requestId: undefined, message: '429 rate_limit_exceeded: Rate limit reached' },
  { name: '{error: "string"}', status: 401, body: '{"error":"unauthorized"}', errorClass: AuthenticationError, type: undefined, requestId: undefined, message: '401 Unauthorized: unauthorized' },
  { name: 'truncated JSON is kept as text', status: 500, body: '{"type":"error","error":{"type":"api_', errorClass: InternalServerError, type: undefined, requestId: undefined, message: '500 Internal Server Error: {"type":"error","error":{"type":"api_' },
  { name: 'Cloudflare 520 HTML', status: 520, headers: { 'cf-ray': '8a1' }, body: '<!DOCTYPE html><html><head><title>api.example.com | 520: Web server is returning an unknown error</title></head><body>...</body></html>', errorClass: InternalServerError, type: undefined, requestId: undefined, message: '520 Unknown Error: (HTML page) api.example.com | 520: Web server is returning an unknown error' },
  { name: 'request-id header wins over x-request-id and body', status: 500, headers: { 'request-id': 'req_h', 'x-request-id': 'xr' }, body: anthropic('api_error', 'boom', 'req_b'), errorClass: InternalServerError, type: 'api_error', requestId: 'req_h', message: '500 api_error: boom (request req_h)' },
];

describe('fromResponse', () => {
  it.each(rows)('$name', async (row) => {
    const response = new Response(row.body, { status: row.status, headers: row.headers });
    const error = await fromResponse(response);
    expect(error.constructor).toBe(row.errorClass);
    expect(row.errorClass.isInstance(error)).toBe(true);
    expect(error.name).toBe(row.errorClass.name);
    expect(error.status).toBe(row.status);
    expect(error.type).toBe(row.type);
    expect(error.requestId).toBe(row.requestId);
    expect(error.message).toBe(row.message);
    expect(response.bodyUsed).toBe(true);
  });

  it('keeps the parsed JSON body, the text of a non-JSON body, and undefined for none', async () => {
    const json = await fromResponse(new Response(anthropic('overloaded_error', 'Overloaded'), { status: 529 }));
    expect(json.body).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    const html = await fromResponse(new Response(nginx502, { status: 502 }));
    expect(html.body).toBe(nginx502);
    const empty = await fromResponse(new Response(null, { status: 503 }));
    expect(empty.body).toBeUndefined();
    expect(empty.message).toBe('503 Service Unavailable: empty body');
  });

  it('cuts a long HTML page without a title to one short line', async () => {
    const page = `<html><body><h1>Error</h1>\n<p>${'upstream failure '.repeat(40)}</p>\n<script>var x = 1;</script></body></html>`;
    const error = await fromResponse(new Response(page, { status: 502 }));
    const detail = error.message.replace('502 Bad Gateway: (HTML page) ', '');
    expect(detail.startsWith('Error upstream failure upstream failure')).toBe(true);
    expect(detail.length).toBe(200);
    expect(detail.endsWith('…')).toBe(true);
    expect(error.message).not.toMatch(/[\n<>]/);
    expect(error.message).not.toContain('var x');
  });

  it('still names the status when the body cannot be read, with the read failure as cause', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.error(new Error('socket hang up'));
      },
    });
    const error = await fromResponse(new Response(body, { status: 529, headers: { 'request-id': 'req_lost' } }));
    expect(error.constructor).toBe(OverloadedError);
    expect(error.message).toBe('529 Overloaded: body could not be read (request req_lost)');
    expect((error.cause as Error).message).toBe('socket hang up');
  });

  it('exposes the relay error code and the response headers', async () => {
    const error = await fromResponse(
      new Response(openai('authentication_error', 'Invalid API Key', 401), { status: 401, headers: { server: 'llama.cpp' } }),
    );
    expect(error.code).toBe(401);
    expect(error.headers.get('server')).toBe('llama.cpp');
  });
});

describe('errorFromStatus', () => {
  it('maps a parsed body like fromResponse does', () => {
    const error = errorFromStatus({
      status: 529,
      headers: { 'request-id': 'req_123' },
      body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
    expect(error.constructor).toBe(OverloadedError);
    expect(error.message).toBe('529 overloaded_error: Overloaded (request req_123)');
  });

  it('parses a string body that holds JSON', () => {
    const error = errorFromStatus({ status: 400, body: anthropic('invalid_request_error', 'bad') });
    expect(error.type).toBe('invalid_request_error');
    expect(error.body).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'bad' } });
  });

  it('treats statuses above 599 as server errors and below 400 by type', () => {
    expect(errorFromStatus({ status: 600, body: '' }).constructor).toBe(InternalServerError);
    const ok = errorFromStatus({ status: 200, body: anthropic('overloaded_error', 'Overloaded') });
    expect(ok.constructor).toBe(OverloadedError);
    expect(ok.status).toBe(200);
    expect(errorFromStatus({ status: 200, body: 'weird' }).constructor).toBe(APIError);
  });

  it('uses an explicit message, type and request id', () => {
    const error = errorFromStatus({ status: 500, body: '', message: 'custom', type: 'api_error', requestId: 'req_x' });
    expect(error.message).toBe('custom');
    expect(error.type).toBe('api_error');
    expect(error.requestId).toBe('req_x');
  });

  it('reads a top-level type and FastAPI-style detail', () => {
    const error = errorFromStatus({ status: 422, body: { type: 'validation_error', detail: [{ loc: ['body', 'model'], msg: 'field required' }] } });
    expect(error.type).toBe('validation_error');
    expect(error.message).toBe('422 validation_error: [{"loc":["body","model"],"msg":"field required"}]');
  });

  it('excerpts a JSON body with no message it recognises', () => {
    const error = errorFromStatus({ status: 500, body: { status: 'down', retry: true } });
    expect(error.message).toBe('500 Internal Server Error: {"status":"down","retry":true}');
  });
});
