// The models the mock lists, newest first, as Anthropic orders them. Any model name is
// accepted by /v1/messages; this list only feeds /v1/models.
import type { ModelInfo, ModelsListResponse } from '@parley/core';

/** The listed models. */
export const MODELS: readonly ModelInfo[] = [
  { type: 'model', id: 'claude-opus-4-5-20251101', display_name: 'Claude Opus 4.5', created_at: '2025-11-01T00:00:00Z' },
  { type: 'model', id: 'claude-haiku-4-5-20251001', display_name: 'Claude Haiku 4.5', created_at: '2025-10-01T00:00:00Z' },
  { type: 'model', id: 'claude-sonnet-4-5-20250929', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
  { type: 'model', id: 'claude-opus-4-1-20250805', display_name: 'Claude Opus 4.1', created_at: '2025-08-05T00:00:00Z' },
  { type: 'model', id: 'claude-opus-4-20250514', display_name: 'Claude Opus 4', created_at: '2025-05-14T00:00:00Z' },
  { type: 'model', id: 'claude-sonnet-4-20250514', display_name: 'Claude Sonnet 4', created_at: '2025-05-14T00:00:00Z' },
  { type: 'model', id: 'claude-3-7-sonnet-20250219', display_name: 'Claude Sonnet 3.7', created_at: '2025-02-19T00:00:00Z' },
  { type: 'model', id: 'claude-3-5-haiku-20241022', display_name: 'Claude Haiku 3.5', created_at: '2024-10-22T00:00:00Z' },
];

/** A model by id, or by its alias without the date (`claude-sonnet-4-5`). */
export function findModel(id: string): ModelInfo | undefined {
  return MODELS.find((model) => model.id === id || model.id.replace(/-\d{8}$/, '') === id);
}

/** One page of {@link MODELS}: `after_id` pages forwards, `before_id` backwards. */
export function pageModels(options: { limit: number; afterId?: string; beforeId?: string }): ModelsListResponse {
  let start = 0;
  let end = MODELS.length;
  let backwards = false;
  if (options.afterId !== undefined) start = MODELS.findIndex((model) => model.id === options.afterId) + 1;
  if (options.beforeId !== undefined) {
    end = MODELS.findIndex((model) => model.id === options.beforeId);
    backwards = options.afterId === undefined;
  }
  const data = backwards ? MODELS.slice(Math.max(start, end - options.limit), end) : MODELS.slice(start, Math.min(end, start + options.limit));
  return { data, has_more: end - start > data.length, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
