import { findModel, MODELS, pageModels } from '../model/models.js';
import { errorReply, jsonReply, type Reply } from '../reply.js';
import type { RouteContext } from './context.js';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 1000;

/** `GET /v1/models?limit=&after_id=&before_id=`: one page of models, newest first. */
export function listModels(context: RouteContext): Reply {
  const query = context.url.searchParams;
  const bad = (message: string): Reply => errorReply({ status: 400, requestId: context.requestId, message });
  const rawLimit = query.get('limit');
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (rawLimit !== null && (!/^\d+$/.test(rawLimit) || limit < 1 || limit > MAX_LIMIT)) {
    return bad(`limit: Input should be an integer from 1 to ${MAX_LIMIT}`);
  }
  const afterId = query.get('after_id') ?? undefined;
  const beforeId = query.get('before_id') ?? undefined;
  for (const [name, id] of [['after_id', afterId], ['before_id', beforeId]] as const) {
    if (id !== undefined && !MODELS.some((model) => model.id === id)) return bad(`${name}: no model with id '${id}'`);
  }
  return jsonReply(200, pageModels({ limit, afterId, beforeId }));
}

/** `GET /v1/models/{id}`: one model, by id or alias. */
export function retrieveModel(context: RouteContext): Reply {
  let id = context.params[0] ?? '';
  try {
    id = decodeURIComponent(id);
  } catch {
    // A malformed escape is looked up as written, and simply not found.
  }
  const model = findModel(id);
  if (!model) return errorReply({ status: 404, requestId: context.requestId, message: `model: ${id}` });
  return jsonReply(200, model);
}
