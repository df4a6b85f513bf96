import { redactSecrets } from '@parley/errors';
import type { LogLevel, Logger } from './options.js';

const LEVELS: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };

/** Whether `value` names a log level. */
export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.hasOwn(LEVELS, value);
}

/** Fields attached to a log line: already-redacted values only. */
export type LogFields = Record<string, unknown>;

/** The client's logger: drops lines above its level and scrubs known secrets from text. */
export interface ClientLogger {
  readonly level: LogLevel;
  /** Whether lines of level `at` are written: callers skip building fields nobody will see. */
  enabled(at: Exclude<LogLevel, 'off'>): boolean;
  error(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  debug(message: string, fields?: LogFields): void;
}

/** Settings for {@link createClientLogger}. */
export interface ClientLoggerOptions {
  /** Where lines go (console-like). */
  sink: Logger;
  /** The most detailed level written. */
  level: LogLevel;
  /** The credentials in use, scrubbed from every message and string field as a last line of defence. */
  secrets: () => readonly string[];
}

function scrubFields(fields: LogFields, secrets: readonly string[]): LogFields {
  const out: LogFields = {};
  for (const [name, value] of Object.entries(fields)) {
    out[name] = typeof value === 'string' ? redactSecrets(value, secrets) : value;
  }
  return out;
}

/**
 * Wraps a console-like logger with a level filter. Lines are prefixed `[parley]`; the
 * fields object is passed as a second argument so structured loggers keep it apart.
 *
 * @example
 * const log = createClientLogger({ sink: console, level: 'debug', secrets: () => [] });
 * log.debug('request', { method: 'POST' });
 */
export function createClientLogger(options: ClientLoggerOptions): ClientLogger {
  const { sink, level, secrets } = options;
  const write = (at: Exclude<LogLevel, 'off'>) => (message: string, fields?: LogFields) => {
    if (LEVELS[at] > LEVELS[level]) return;
    const known = secrets();
    const line = `[parley] ${redactSecrets(message, known)}`;
    if (fields === undefined) sink[at](line);
    else sink[at](line, scrubFields(fields, known));
  };
  const enabled = (at: Exclude<LogLevel, 'off'>) => LEVELS[at] <= LEVELS[level];
  return { level, enabled, error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}
