import { checkRequest } from '../check-request.js';
import { toolChoiceProblem } from '../model/tool-choice.js';
import { countInputTokens } from '../model/tokens.js';
import { errorReply, jsonReply, type Reply } from '../reply.js';
import type { RouteContext } from './context.js';

/** `POST /v1/messages/count_tokens`: the same count a message reply reports as `usage.input_tokens`. */
export function countTokens(context: RouteContext): Reply {
  const checked = checkRequest('countTokens', context.body);
  if (!checked.ok) return errorReply({ status: 400, requestId: context.requestId, message: checked.message });
  const params = checked.params;
  const problem = toolChoiceProblem(params);
  if (problem) return errorReply({ status: 400, requestId: context.requestId, message: `${problem[0]}: ${problem[1]}` });
  return jsonReply(200, { input_tokens: countInputTokens(params) });
}
