import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public surface of @parley/streaming, written down once: a missing or extra name fails.
const PUBLIC_NAMES = ['VERSION', 'decodeSSE', 'accumulate', 'PartialJSON', 'PartialJSONError', 'MessageStream', 'ParsedMessageStream', 'parseOutputMessage', 'outputText'];

describe('@parley/streaming exports', () => {
  it('exports exactly the public names', () => {
    expect(Object.keys(api).sort()).toEqual([...PUBLIC_NAMES].sort());
  });
});
