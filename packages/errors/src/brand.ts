// Class identity that survives duplicate installs: two copies of this package define
// two different `APIError` classes, so `instanceof` fails across them. Every instance
// is stamped with global-registry symbols instead, one per class in its chain, and the
// static `isInstance` checks look those up.

/** The marker every Parley error carries, whatever copy of the package created it. */
export const PARLEY_ERROR_MARKER = Symbol.for('parley.error');

const brandSymbol = (className: string): symbol => Symbol.for(`parley.error.${className}`);

/**
 * Names `target` after `className` and stamps it as an instance of that class (the
 * stamp is non-enumerable, so it never shows). Each constructor in a chain calls it
 * after `super`, so the most derived class gives the name.
 */
export function brand(target: Error, className: string): void {
  target.name = className;
  Object.defineProperty(target, brandSymbol(className), { value: true });
}

/** Whether `value` was stamped as `className` by any copy of this package. */
export function hasBrand(value: unknown, className: string): boolean {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brandSymbol(className)] === true;
}
