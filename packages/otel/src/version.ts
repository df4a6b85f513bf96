/** Version of @parley/otel, kept in step with package.json by the release flow. */
export const VERSION = '0.0.0';
