// What every example does around its own steps: a client for Anthropic when the
// environment configures one (ANTHROPIC_API_KEY, or ANTHROPIC_BASE_URL plus
// ANTHROPIC_AUTH_TOKEN for a relay), else the local mock (@parley/mock) on a free port,
// so each example runs anywhere, offline; then "Done." or the error, exit code 1.
import { startMockServer, type MockServer, type MockOptions } from '@parley/mock';
import Parley, { type ClientOptions } from '@parley/sdk';

const env = process.env;

/** The model the examples ask for; PARLEY_MODEL overrides it. */
export const model = env.PARLEY_MODEL ?? 'claude-sonnet-4-5';

/**
 * Runs `steps` with a client, as the header says; `mock` sets up the local mock when it is
 * used, `options` are further client options (middleware, ...).
 */
export async function runExample(steps: (client: Parley) => Promise<void>, mock: MockOptions = {}, options: ClientOptions = {}): Promise<void> {
  const configured = [env.ANTHROPIC_BASE_URL, env.ANTHROPIC_API_KEY, env.PARLEY_API_KEY, env.ANTHROPIC_AUTH_TOKEN].some(Boolean);
  let server: MockServer | undefined;
  try {
    let client: Parley;
    if (configured) {
      client = new Parley(options);
    } else {
      const apiKey = 'sk-mock-example-key';
      server = await startMockServer({ ...mock, port: 0, apiKey });
      console.log(`(no API settings in the environment: using the local mock at ${server.url})\n`);
      client = new Parley({ ...options, apiKey, baseURL: server.url });
    }
    await steps(client);
    console.log('Done.');
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await server?.close();
  }
}
