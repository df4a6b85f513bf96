import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public surface of @parley/otel, written down once: a missing or extra name fails.
const PUBLIC_NAMES = ['VERSION', 'otel'];

describe('@parley/otel exports', () => {
  it('exports exactly the public names', () => {
    expect(Object.keys(api).sort()).toEqual([...PUBLIC_NAMES].sort());
  });
});
