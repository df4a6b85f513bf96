import type { CreateMessageParams } from '@parley/core';
import { checkRequest } from '../check-request.js';
import { buildMessage } from '../model/reply.js';
import { toolChoiceProblem } from '../model/tool-choice.js';
import { errorReply, jsonReply, sseReply, type Reply } from '../reply.js';
import { messageEvents } from '../sse.js';
import type { RouteContext } from './context.js';

/** Rules the schema cannot say, which Anthropic enforces with a 400 too. */
export function semanticProblem(params: CreateMessageParams): string | undefined {
  if (params.thinking?.type === 'enabled' && params.thinking.budget_tokens >= params.max_tokens) {
    return 'max_tokens: must be greater than thinking.budget_tokens';
  }
  const toolProblem = toolChoiceProblem(params);
  return toolProblem ? `${toolProblem[0]}: ${toolProblem[1]}` : undefined;
}

/** `POST /v1/messages`: a JSON Message, or its events when `stream` is true. */
export function createMessage(context: RouteContext): Reply {
  const checked = checkRequest('createMessage', context.body);
  if (!checked.ok) return errorReply({ status: 400, requestId: context.requestId, message: checked.message });
  const params = checked.params;
  const problem = semanticProblem(params);
  if (problem) return errorReply({ status: 400, requestId: context.requestId, message: problem });
  const message = buildMessage(params);
  return params.stream ? sseReply(messageEvents(message)) : jsonReply(200, message);
}
