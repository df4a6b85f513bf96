// What the global setup hands to the tests through vitest's provide/inject. Kept free
// of runtime vitest imports: the global setup loads it in the main process.

/** The llama-server models the suite starts, one server each (see the real-server README). */
export const MODELS = ['text', 'tools', 'tools-auto', 'tools-parallel'] as const;

/** One of {@link MODELS}. */
export type ModelName = (typeof MODELS)[number];

/** The running servers: their base URLs and the key they were started with. */
export interface RealServers {
  /** The key each server requires (`--api-key`). */
  apiKey: string;
  /** Base URL per model, e.g. `http://127.0.0.1:40123`. */
  urls: Record<ModelName, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** `null` when the real-server tool is absent and the suite is skipped. */
    realServers: RealServers | null;
  }
}
