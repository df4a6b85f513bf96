// Class identity that survives duplicate installs: two copies of this package define
// two different `APIError` classes, so `instanceof` fails across them. Every instance
// is stamped with global-registry symbols instead, one per class in its chain, and the
// static `isInstance` checks look those up.

/** The marker every Parley error carries, whatever copy of the package created it. */
export const PARLEY_ERROR_MARKER = Symbol.for('parley.error');

const brandSymbol = (className: string): symbol => Symbol.for(`parley.error.${className}`);

/** Stamps `target` as an instance of `className` (non-enumerable, so it never shows). */
export function brand(target: object, className: string): void {
  Object.defineProperty(target, brandSymbol(className), { value: true });
}

/** Whether `value` was stamped as `className` by any copy of this package. */
export function hasBrand(value: unknown, className: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return (value as Record<symbol, unknown>)[brandSymbol(className)] === true;
}
