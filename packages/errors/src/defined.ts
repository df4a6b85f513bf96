/** `{ [key]: value }`, or nothing when `value` is undefined: spread into an object, it leaves the key out. */
export const defined = (key: string, value: unknown): Record<string, unknown> => (value === undefined ? {} : { [key]: value });
