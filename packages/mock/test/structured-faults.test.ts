// The `structuredOutput` fault: the three ways a server fails a request for structured
// output, and the streamed JSON arriving in small pieces.
 
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { createMockHandler } from '../src/index.js';
import { eventData, fault, messageBody, type Json } from './helpers.js';

const mock = createMockHandler();
const schema = {
  type: 'object',
  properties: { name: { type: 'string' }, age: { type: 'integer' } },
  required: ['name', 'age'],
  additionalProperties: false,
};
const body = (extra: Record<string, unknown> = {}) => messageBody('Extract: Ada, 36', { output_config: { format: { type: 'json_schema', schema } }, ...extra });

function send(request: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return mock.handle(new Request('http://mock/v1/messages', { method: 'POST', body: JSON.stringify(request), headers }));
}

describe('structuredOutput faults', () => {
  it('unsupported: a 400 that names output_config', async () => {
    const response = await send(body(), fault({ structuredOutput: 'unsupported' }));
    expect(response.status).toBe(400);
    const error = (await response.json());
    expect(error.error).toMatchObject({ type: 'invalid_request_error', message: 'output_config: Extra inputs are not permitted' });
  });

  it('invalid_json: the parameter is ignored and the answer is free text', async () => {
    const response = await send(body(), fault({ structuredOutput: 'invalid_json' }));
    const message = (await response.json());
    expect(message.stop_reason).toBe('end_turn');
    expect(() => JSON.parse(message.content[0].text as string) as unknown).toThrow(SyntaxError);
  });

  it('schema_violation: JSON that the schema rejects at its first property', async () => {
    const response = await send(body(), fault({ structuredOutput: 'schema_violation' }));
    const message = (await response.json());
    const value: unknown = JSON.parse(message.content[0].text as string);
    expect(value).toEqual({ name: 42, age: 42 });
    const result = z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema).safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['name']);
  });

  it('leaves a request without output_config.format alone', async () => {
    const response = await send(messageBody('Hello'), fault({ structuredOutput: 'unsupported' }));
    expect(response.status).toBe(200);
  });

  it('rejects an unknown kind, naming the field', async () => {
    const response = await send(body(), fault({ structuredOutput: 'broken' }));
    expect(response.status).toBe(400);
    expect(((await response.json())).error.message).toContain('x-mock-fault.structuredOutput: should be one of invalid_json, schema_violation, unsupported');
  });

  it('streams the JSON in small text deltas', async () => {
    const response = await send(body({ stream: true }));
    const deltas = eventData(await response.text())
      .filter((event: Json) => event.type === 'content_block_delta')
      .map((event: Json) => event.delta.text as string);
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.every((piece: string) => piece.length <= 12)).toBe(true);
    expect(JSON.parse(deltas.join(''))).toEqual({ name: 'example name', age: 42 });
  });
});
