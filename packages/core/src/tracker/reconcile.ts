import type { MintIntent } from '../journal/journal.js';
import type { MintOutcome } from '../types.js';
import type { Poller } from './poller.js';
import type { Tracker } from './tracker.js';

/**
 * On start: tracks every intent the journal holds as accepted but unsettled, then pokes the
 * poller so they settle even if their webhooks were delivered while we were down. Their
 * acceptance time is unknown (`since: 0`), which makes the poller's first list scan start
 * from the beginning rather than trust a creation-time window. `queued` intents are not the
 * tracker's business (the engine resubmits them). Returns the settled promises.
 */
export function reconcileAccepted(
  tracker: Tracker,
  intents: ReadonlyArray<MintIntent & { state: 'queued' | 'accepted' }>,
  poller?: Pick<Poller, 'poke'> | undefined,
): Array<Promise<MintOutcome>> {
  const settled: Array<Promise<MintOutcome>> = [];
  for (const intent of intents) {
    if (intent.state !== 'accepted') continue;
    settled.push(
      tracker.track({
        collection: intent.collection,
        referenceId: intent.asset.referenceId,
        asset: intent.asset,
        since: 0,
      }),
    );
  }
  if (settled.length > 0) poller?.poke();
  return settled;
}
