import { defineConfig } from '@hey-api/openapi-ts';

// Output is committed and checked by `pnpm check-generated`; PARLEY_GENERATE_OUT lets
// that check generate into a temporary folder and compare.
export default defineConfig({
  input: '../../openapi/messages.yaml',
  output: {
    path: process.env.PARLEY_GENERATE_OUT ?? './src/generated',
    module: { extension: '.js' },
    postProcess: [],
  },
  plugins: [
    // Keep the spec's own names (URLImageSource, InputJSONDelta, ...).
    { name: '@hey-api/typescript', definitions: { case: 'preserve' } },
    '@hey-api/client-fetch',
    { name: '@hey-api/sdk', validator: false },
    { name: 'zod', compatibilityVersion: 4, definitions: { case: 'preserve', name: 'z{{name}}' } },
  ],
});
