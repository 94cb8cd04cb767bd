import { createHooks } from '../../src/hooks/hooks.js';
import { systemClock } from '../../src/runtime/clock.js';
import { silentLogger } from '../../src/runtime/logger.js';
import { createTracker, type TrackerOptions } from '../../src/tracker/tracker.js';
import type { Emit, MinterEventName, MinterEvents, StatusUpdate } from '../../src/types.js';

export const COLLECTION = '0xAbC0000000000000000000000000000000000001';

export type Recorded = { [E in MinterEventName]: { event: E; payload: MinterEvents[E] } }[MinterEventName];

/** A tracker whose events are recorded in order; hooks are real (`createHooks`). */
export function trackerHarness(options: Partial<TrackerOptions> = {}) {
  const events: Recorded[] = [];
  const emit: Emit = (event, payload) => {
    events.push({ event, payload } as Recorded);
  };
  const hooks = createHooks();
  const tracker = createTracker({
    clock: systemClock,
    emit,
    runHooks: (name, ctx, fn) => hooks.run(name, ctx, fn),
    logger: silentLogger,
    ...options,
  });
  const of = <E extends MinterEventName>(event: E) =>
    events.filter((e) => e.event === event).map((e) => e.payload as MinterEvents[E]);
  return { tracker, events, hooks, of };
}

export const asset = (referenceId: string, tokenId?: string) => ({
  referenceId,
  owner: '0x1111111111111111111111111111111111111111',
  ...(tokenId === undefined ? {} : { tokenId }),
});

const iso = (ms: number) => new Date(ms).toISOString();

/** Status updates as the API would describe them; `t` is the record's updated_at (ms). */
export const update = {
  pending: (referenceId: string, t = 1_000, collection = COLLECTION): StatusUpdate => ({
    collection,
    referenceId,
    status: 'pending',
    tokenId: null,
    updatedAt: iso(t),
  }),
  succeeded: (referenceId: string, t = 2_000, collection = COLLECTION): StatusUpdate => ({
    collection,
    referenceId,
    status: 'succeeded',
    tokenId: `7${referenceId.length}`,
    owner: '0x1111111111111111111111111111111111111111',
    amount: null,
    transactionHash: `0x${'ab'.repeat(32)}`,
    activityId: 'act-1',
    updatedAt: iso(t),
  }),
  failed: (
    referenceId: string,
    t = 2_000,
    message = 'execution reverted',
    collection = COLLECTION,
  ): StatusUpdate => ({
    collection,
    referenceId,
    status: 'failed',
    errorMessage: message,
    updatedAt: iso(t),
  }),
};
