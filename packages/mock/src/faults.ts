// Reading faults: the per-request `x-mock-fault` header and the scripted sequence are
// checked field by field, so a typo is reported instead of silently doing nothing.
import { STRUCTURED_OUTPUT_FAULTS, type StructuredOutputFault } from './structured-fault.js';
import type { MockFault } from './types.js';

/** The request header that carries a {@link MockFault} as JSON. */
export const MOCK_FAULT_HEADER = 'x-mock-fault';

type Check = (value: unknown) => string | undefined;

const count: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? undefined : 'should be an integer >= 0');
const text: Check = (v) => (typeof v === 'string' ? undefined : 'should be a string');

const CHECKS: Record<keyof MockFault, Check> = {
  status: (v) => (Number.isInteger(v) && (v as number) >= 200 && (v as number) <= 599 ? undefined : 'should be an integer from 200 to 599'),
  headers: (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((h) => typeof h === 'string')
      ? undefined
      : 'should be an object of string values',
  body: (v) => (typeof v === 'string' || (typeof v === 'object' && v !== null) ? undefined : 'should be a string or an object'),
  errorAfterEvents: count,
  errorType: text,
  dropAfterEvents: count,
  dropBeforeHeaders: (v) => (typeof v === 'boolean' ? undefined : 'should be a boolean'),
  stallAfterEvents: count,
  dripMs: (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? undefined : 'should be a number >= 0'),
  chunkSize: (v) => (Number.isInteger(v) && (v as number) >= 1 ? undefined : 'should be an integer >= 1'),
  redirectTo: text,
  structuredOutput: (v) =>
    STRUCTURED_OUTPUT_FAULTS.includes(v as StructuredOutputFault) ? undefined : `should be one of ${STRUCTURED_OUTPUT_FAULTS.join(', ')}`,
};

/** Why `value` is not a valid fault (the message names the field), or undefined. */
export function faultProblem(value: unknown, where: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${where}: should be a JSON object`;
  for (const [key, field] of Object.entries(value)) {
    const check = CHECKS[key as keyof MockFault] as Check | undefined;
    if (!check) return `${where}.${key}: unknown fault field; known fields are ${Object.keys(CHECKS).join(', ')}`;
    const problem = check(field);
    if (problem) return `${where}.${key}: ${problem}`;
  }
  return undefined;
}

/** The fault a request carries in its header, or a problem to report as a 400. */
export function faultFromHeader(header: string | null): { fault?: MockFault; problem?: string } {
  if (header === null || header.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(header);
  } catch {
    return { problem: `${MOCK_FAULT_HEADER}: header is not valid JSON` };
  }
  const problem = faultProblem(value, MOCK_FAULT_HEADER);
  return problem ? { problem } : { fault: value as MockFault };
}

/** Throws a `TypeError` naming the first bad scripted fault. */
export function assertFaults(faults: readonly unknown[]): void {
  faults.forEach((fault, index) => {
    const problem = faultProblem(fault, `faults[${index}]`);
    if (problem) throw new TypeError(`@parley/mock: ${problem}`);
  });
}
