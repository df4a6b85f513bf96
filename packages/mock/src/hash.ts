// Ids, signatures and request ids are derived from the request itself, never from a
// clock or a random source, so the same request always gets the same bytes back.

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The murmur3 32-bit finalizer: spreads every input bit over the whole word. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A stable base62 digest of `text`, `length` characters long. Not cryptographic: it
 * only has to be deterministic and spread well enough that different requests get
 * different ids.
 */
export function digest(text: string, length = 24): string {
  // Four FNV-1a lanes with different offsets give 128 bits in one pass over the text.
  let a = 0x811c9dc5;
  let b = 0x01000193;
  let c = 0x9e3779b9;
  let d = 0x27d4eb2f;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193);
    c = Math.imul(c ^ code, 0x01000193);
    d = Math.imul(d ^ code, 0x01000193);
  }
  const lanes = [a, b, c, d];
  let out = '';
  for (let round = 0; out.length < length; round++) {
    let word = mix((lanes[round % 4] ?? 0) ^ Math.imul(round + 1, 0x9e3779b9) ^ text.length);
    lanes[round % 4] = word;
    // Five base62 digits use about 30 of the word's 32 bits.
    for (let k = 0; k < 5 && out.length < length; k++) {
      out += ALPHABET.charAt(word % 62);
      word = Math.floor(word / 62);
    }
  }
  return out;
}
