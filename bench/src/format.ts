/** Milliseconds, with the precision a reader can use. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  // Three significant digits, decided after rounding (99.96 is "100 ms", not "100.0 ms").
  const digits = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2;
  return `${Number(value.toFixed(digits)).toLocaleString('en-US', { minimumFractionDigits: digits })} ms`;
}

/** Microseconds. */
export function us(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(0)} µs` : '—';
}

/** A ratio as `1.23x` (fewer decimals for large ones: `45.6x`, `724x`). */
export function ratio(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)}x`;
}

/** Bytes with thousands separators. */
export function bytes(value: number): string {
  return `${value.toLocaleString('en-US')} B`;
}

/** A markdown table. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Pass or fail, as a table cell. */
export function verdict(ok: boolean): string {
  return ok ? 'met' : '**missed**';
}
