import { describe, expectTypeOf, it } from 'vitest';
import type * as z from 'zod';
import type { CreateMessageParams, Message, MessageStreamEvent } from '../src/index.js';
import type { zCreateMessageParams, zMessage, zMessageStreamEvent } from '../src/generated/zod-types.gen.js';

// @parley/core/zod is typed by generated declarations (zod-types.gen.d.ts), not by the
// inferred ones: each schema parses to the generated type of its name.
describe('@parley/core/zod declarations', () => {
  it('type each schema as a zod schema of its generated type', () => {
    expectTypeOf<z.output<typeof zCreateMessageParams>>().toEqualTypeOf<CreateMessageParams>();
    expectTypeOf<z.input<typeof zMessage>>().toEqualTypeOf<Message>();
    expectTypeOf<ReturnType<typeof zMessageStreamEvent.safeParse>['data']>().toEqualTypeOf<MessageStreamEvent | undefined>();
  });
});
