// Tables that commands write into README.md, each between an opening and a closing marker.
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Replaces the text between `start` and `end` in a README with `table`.
 * @param {string} readmePath
 * @param {string} start the opening marker, e.g. `<!-- footprint -->`
 * @param {string} end the closing marker
 * @param {string} table
 * @returns {boolean} false when the markers are missing (nothing written)
 */
export function writeReadmeBlock(readmePath, start, end, table) {
  const text = readFileSync(readmePath, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from === -1 || to === -1 || to < from) return false;
  const updated = `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`;
  if (updated !== text) writeFileSync(readmePath, updated);
  return true;
}
