// Every example runs as a user would run it (`node examples/<name>.ts`, no API settings in
// the environment, so against the local mock), exits 0 and prints what it promises.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = fileURLToPath(new URL('.', import.meta.url));

async function example(name: string, args: string[] = []): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(ANTHROPIC_|PARLEY_)/.test(key)));
  const { stdout } = await run(process.execPath, [`${name}.ts`, ...args], { cwd: here, env, timeout: 30_000 });
  return stdout;
}

describe('examples', () => {
  it('quickstart: a stream, a tool round trip and a token count', async () => {
    const out = await example('quickstart');
    expect(out).toMatch(/model calls get_weather\(\{"location":"[^"]+"\}\)/);
    expect(out).toContain('get_weather returned');
    expect(out).toMatch(/that conversation is \d+ input tokens/);
    expect(out).toContain('Done.');
  });

  it('server-tools: a cited web search, code execution and a paused turn continued', async () => {
    const out = await example('server-tools');
    expect(out).toContain('searched: {"query":"the tallest building in Paris"}');
    expect(out).toMatch(/cites .+ <https:\/\/example\.com\/the-tallest-building-in-paris>/);
    expect(out).toContain('stdout: the first five primes: 2 3 5 7 11 (exit 0)');
    expect(out).toMatch(/container: container_\w+/);
    expect(out).toMatch(/reply 1: stop_reason pause_turn[\s\S]*stop_reason end_turn/);
    expect(out).toContain('Done.');
  });

  it('structured-output: parse() with zod, partial objects while streaming, a plain JSON Schema', async () => {
    const out = await example('structured-output');
    expect(out).toMatch(/1\. messages\.parse\(\) with a zod schema:\s+\S.*: \d+ min, \d+ ingredient/);
    expect(out).toMatch(/so far: \{"name":"[^"]*"\}/);
    expect(out).toMatch(/\d+ updates; final: \{"name":"[^"]+","minutes":\d+,"ingredients":\[/);
    expect(out).toContain('"country":{"type":"string","description":"{minLength: 2}"}');
    expect(out).toMatch(/city: .+, country: .+/);
    expect(out).toContain('Done.');
  });

  it('batches: create, wait with progress, read the results', async () => {
    const out = await example('batches');
    expect(out).toMatch(/msgbatch_\w+: in_progress, 4 requests processing/);
    expect(out).toContain('0 of 4 done');
    expect(out).toContain('4 of 4 done (4 succeeded, 0 errored)');
    for (let i = 1; i <= 4; i++) expect(out).toContain(`question-${i}: You said:`);
    expect(out).toContain('Done.');
  });

  it('batches-bulk: every result of a generated input comes back (250,000 only in the bench)', async () => {
    const out = await example('batches-bulk', ['3000']);
    expect(out).toMatch(/created msgbatch_\w+ with 3,000 requests/);
    expect(out).toMatch(/3,000 results from 1 batches in [\d.]+ s: 3,000 succeeded/);
    expect(out).toContain('Done.');
  });

  it('otel: spans after the GenAI conventions on the console, children of the application span', async () => {
    const out = await example('otel');
    expect(out.match(/name: 'chat claude-sonnet-4-5'/g)).toHaveLength(2);
    expect(out).toMatch(/'gen_ai.usage.output_tokens': \d+/);
    expect(out).toMatch(/'gen_ai.response.time_to_first_chunk': [\d.e-]+/);
    expect(out).toContain("name: 'answer a question'");
    expect(out.match(/parentSpanContext: \{/g)).toHaveLength(2);
    expect(out).not.toContain('sk-mock-example-key');
    expect(out).toContain('Done.');
  });
});
