import { APIConnectionError } from '@parley/errors';
import type { AnyStreamEvent } from './events.js';
import { readPlainDelta } from './plain-delta.js';

const EXCERPT = 80;

/**
 * Parses a frame's data into an event. The JSON `type` names the event; a frame whose
 * JSON has none takes its type from the `event:` field.
 */
export function parseEvent(name: string | undefined, data: string): AnyStreamEvent {
  const delta = readPlainDelta(data);
  if (delta !== undefined) return delta;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new APIConnectionError({ message: `The stream sent data that is not JSON${where(name)}: ${excerpt(data)}` });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new APIConnectionError({ message: `The stream sent data that is not a JSON object${where(name)}: ${excerpt(data)}` });
  }
  const event = value as { type?: unknown };
  if (typeof event.type !== 'string' && name !== undefined) event.type = name;
  return event as AnyStreamEvent;
}

function where(name: string | undefined): string {
  return name === undefined ? '' : ` in a "${name}" event`;
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text);
}
