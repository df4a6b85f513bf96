// Structured output against llama-server, which has no `output_config`: it accepts the
// parameter, ignores it and answers without JSON. 'tool' asks for the object as a forced
// tool call (which llama constrains to the schema with a grammar); 'auto' finds that out
// once and then goes straight to 'tool'. The values are random: only shape and validity
// are asserted.
import { expect, it } from 'vitest';
import * as z from 'zod';
import { OutputParseError, outputFormat } from '../../src/index.js';
import { recordingLogger } from '../helpers.js';
import { alias, clientFor, describeReal, failure } from './real-server.js';

const Person = z.object({ name: z.string(), age: z.number().int(), languages: z.array(z.string()) });
const params = {
  model: alias('tools'),
  max_tokens: 200,
  messages: [{ role: 'user' as const, content: 'Ada Lovelace, 36, speaks English and French.' }],
  output_config: { format: outputFormat(Person) },
};

/** A fetch that keeps every request body sent through it. */
function recordingBodies(): { fetch: typeof fetch; bodies: Record<string, unknown>[] } {
  const bodies: Record<string, unknown>[] = [];
  const recording: typeof fetch = (input, init) => {
    if (typeof init?.body === 'string') bodies.push(JSON.parse(init.body) as Record<string, unknown>);
    return fetch(input, init);
  };
  return { fetch: recording, bodies };
}

describeReal('structured output against llama-server', () => {
  it("'tool' gives a schema-valid parsed_output from a forced tool call", async () => {
    const message = await clientFor('tools', { structuredOutput: 'tool' }).messages.parse(params);
    expect(message.stop_reason).toBe('tool_use');
    expect(Person.safeParse(message.parsed_output).success).toBe(true);
    expect(Object.keys(message.parsed_output).sort()).toEqual(['age', 'languages', 'name']);
  });

  it("'tool' streams partial objects from input_json_delta and ends schema-valid", async () => {
    const stream = clientFor('tools', { structuredOutput: 'tool' }).messages.stream(params);
    const partials: unknown[] = [];
    stream.on('parsedOutput', (partial) => partials.push(structuredClone(partial)));
    const final = await stream.finalMessage();
    expect(Person.safeParse(final.parsed_output).success).toBe(true);
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.at(-1)).toEqual(final.parsed_output);
  });

  it("'auto' falls back once (one warning) and then sends tool mode directly", async () => {
    const { fetch, bodies } = recordingBodies();
    const logger = recordingLogger();
    const client = clientFor('tools', { fetch, logger });
    const first = await client.messages.parse(params);
    expect(Person.safeParse(first.parsed_output).success).toBe(true);
    const second = await client.messages.parse(params);
    expect(Person.safeParse(second.parsed_output).success).toBe(true);
    // Native first (ignored by the server), then the tool call, then the tool call directly.
    expect(bodies.map((body) => ('output_config' in body ? 'native' : 'tool'))).toEqual(['native', 'tool', 'tool']);
    const warnings = logger.lines.filter((line) => line.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.args[0])).toContain('ignored output_config');
  });

  it("'auto' streams: an ignored output_config fails that stream's finalMessage, and the next stream uses tool mode", async () => {
    const { fetch, bodies } = recordingBodies();
    const client = clientFor('tools', { fetch, logger: recordingLogger() });
    const error = await failure(client.messages.stream(params).finalMessage());
    expect(OutputParseError.isInstance(error)).toBe(true);
    expect((error as OutputParseError).reason).toBe('no_output');
    const final = await client.messages.stream(params).finalMessage();
    expect(Person.safeParse(final.parsed_output).success).toBe(true);
    expect(bodies.map((body) => ('output_config' in body ? 'native' : 'tool'))).toEqual(['native', 'tool']);
  });

  it("'native' reports the ignored parameter as an OutputParseError", async () => {
    const error = await failure(clientFor('tools', { structuredOutput: 'native' }).messages.parse(params));
    expect(OutputParseError.isInstance(error)).toBe(true);
    expect(['no_output', 'invalid_json', 'schema']).toContain((error as OutputParseError).reason);
  });
});
