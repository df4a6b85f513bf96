// The JSON number grammar as a tiny state machine, so a number split across chunks is
// checked character by character without re-reading its start.

/** The state before a number's first character has been classified; `numberStart` gives the real one. */
export const N_MINUS = 0;
const N_ZERO = 1; // may end
const N_INT = 2; // may end
const N_DOT = 3;
const N_FRAC = 4; // may end
const N_E = 5;
const N_E_SIGN = 6;
const N_EXP = 7; // may end

/** The state after a number's first character (`-` or a digit). */
export function numberStart(c: number): number {
  return c === 45 ? N_MINUS : c === 48 ? N_ZERO : N_INT;
}

/** The state after character `c`, or -1 when `c` cannot continue the number. */
export function numberStep(s: number, c: number): number {
  if (c >= 48 && c <= 57) {
    if (s === N_MINUS) return c === 48 ? N_ZERO : N_INT;
    if (s === N_ZERO) return -1;
    if (s === N_DOT) return N_FRAC;
    return s === N_E || s === N_E_SIGN ? N_EXP : s;
  }
  if (c === 46 /* . */) return s === N_ZERO || s === N_INT ? N_DOT : -1;
  if (c === 101 || c === 69 /* e E */) return s === N_ZERO || s === N_INT || s === N_FRAC ? N_E : -1;
  if (c === 43 || c === 45 /* + - */) return s === N_E ? N_E_SIGN : -1;
  return -1;
}

/** Whether a number may end in state `s`. */
export function isNumberEnd(s: number): boolean {
  return s === N_ZERO || s === N_INT || s === N_FRAC || s === N_EXP;
}

/** Whether `c` after state `s` is a malformed number rather than the character after it (`01`). */
export function isLeadingZeroDigit(s: number, c: number): boolean {
  return s === N_ZERO && c >= 48 && c <= 57;
}
