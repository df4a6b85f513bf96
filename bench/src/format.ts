/** Milliseconds, with the precision a reader can use. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 1000) return `${Math.round(value).toLocaleString('en-US')} ms`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 10) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(2)} ms`;
}

/** Microseconds. */
export function us(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(0)} µs` : '—';
}

/** A ratio as `1.23x`. */
export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : '—';
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
