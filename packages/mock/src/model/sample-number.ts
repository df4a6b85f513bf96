// Picks a number inside a JSON Schema's bounds: 42 (or 4.2) when that fits, else the
// value nearest to it inside the bounds, adjusted to `multipleOf`.

type Schema = Record<string, unknown>;

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Closed bounds from the inclusive and exclusive keywords (draft 4 booleans included). */
function bounds(schema: Schema, integer: boolean): { lo: number; hi: number } {
  const draft4Min = schema.exclusiveMinimum === true;
  const draft4Max = schema.exclusiveMaximum === true;
  const min = draft4Min ? undefined : finite(schema.minimum);
  const max = draft4Max ? undefined : finite(schema.maximum);
  const exMin = draft4Min ? finite(schema.minimum) : finite(schema.exclusiveMinimum);
  const exMax = draft4Max ? finite(schema.maximum) : finite(schema.exclusiveMaximum);
  const lower = Math.max(min ?? -Infinity, exMin ?? -Infinity);
  const upper = Math.min(max ?? Infinity, exMax ?? Infinity);
  const lowerOpen = exMin !== undefined && exMin >= (min ?? -Infinity);
  const upperOpen = exMax !== undefined && exMax <= (max ?? Infinity);
  if (integer) {
    return {
      lo: lowerOpen ? Math.floor(lower) + 1 : Math.ceil(lower),
      hi: upperOpen ? Math.ceil(upper) - 1 : Math.floor(upper),
    };
  }
  // An open bound moves inwards by a step small enough to stay inside the other bound.
  const span = upper - lower;
  const step = Number.isFinite(span) && span > 0 ? Math.min(span / 4, 1) : 1;
  return { lo: lowerOpen ? lower + step : lower, hi: upperOpen ? upper - step : upper };
}

function clamp(value: number, range: { lo: number; hi: number }): number {
  return Math.min(Math.max(value, range.lo), range.hi);
}

/**
 * A number (or integer) satisfying the schema's minimum, maximum, exclusive bounds and
 * multipleOf; `index` shifts the preferred value so array items differ.
 */
export function sampleNumber(schema: Schema, options: { integer: boolean; index: number }): number {
  const { lo, hi } = bounds(schema, options.integer);
  const preferred = options.integer ? 42 + options.index : 4.2 + options.index;
  let value = clamp(preferred, { lo, hi });
  const step = finite(schema.multipleOf);
  if (step !== undefined && step > 0) {
    const candidates = [Math.round(value / step), Math.ceil(lo / step), Math.floor(hi / step)].map((k) => k * step);
    value = candidates.find((c) => Number.isFinite(c) && c >= lo && c <= hi) ?? value;
    // Binary fractions make 0.1 * 3 = 0.30000000000000004; round to the step's precision.
    const digits = (String(step).split('.')[1] ?? '').length;
    value = Number(value.toFixed(Math.min(digits, 20)));
  }
  return options.integer ? Math.round(value) : value;
}
