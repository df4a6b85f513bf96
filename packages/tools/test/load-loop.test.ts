// parseToolUses and runTools load their implementation on the first call; a load that
// failed (in a browser, a chunk that could not be fetched) must not stick.
import type { Message } from '@parley/core';
import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { parseToolUses, runTools, tool } from '../src/index.js';

const echo = tool({ name: 'echo', input: z.object({ text: z.string() }), run: ({ text }) => text });

const reply: Pick<Message, 'content'> = {
  content: [{ type: 'tool_use', id: 'toolu_1', name: 'echo', input: { text: 'hi' } }],
};

describe('loading the tool loop', () => {
  it('tries again on the next call after a failed load', async () => {
    vi.doMock('../src/loop/index.js', () => {
      throw new Error('chunk could not be fetched');
    });
    // vitest wraps the factory's error in one of its own.
    await expect(parseToolUses(reply, [echo])).rejects.toBeInstanceOf(Error);
    await expect(runTools([])).rejects.toBeInstanceOf(Error);

    vi.doUnmock('../src/loop/index.js');
    const uses = await parseToolUses(reply, [echo]);
    expect(uses.map((use) => use.status)).toEqual(['valid']);
    expect(await runTools(uses)).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'hi' }]);
  });
});
