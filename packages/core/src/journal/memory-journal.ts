import type { MintAsset } from '../validate/schemas.js';
import type { Journal } from './journal.js';

/**
 * The default journal: nested Maps (collection → reference_id), no copies, settled intents
 * dropped, so memory stays flat and the hot path stays cheap. Survives nothing.
 */
export function createMemoryJournal(): Journal {
  const collections = new Map<string, Map<string, { asset: MintAsset; state: 'queued' | 'accepted' }>>();
  return {
    async record(intents) {
      for (const { collection, asset } of intents) {
        let refs = collections.get(collection);
        if (!refs) {
          refs = new Map();
          collections.set(collection, refs);
        }
        refs.set(asset.referenceId, { asset, state: 'queued' });
      }
    },
    async markAccepted(collection, referenceIds) {
      const refs = collections.get(collection);
      if (!refs) return;
      for (const ref of referenceIds) {
        const intent = refs.get(ref);
        if (intent) intent.state = 'accepted';
      }
    },
    async markSettled(collection, referenceId) {
      collections.get(collection)?.delete(referenceId);
    },
    async unfinished() {
      const out: Array<{ collection: string; asset: MintAsset; state: 'queued' | 'accepted' }> = [];
      for (const [collection, refs] of collections) {
        for (const { asset, state } of refs.values()) out.push({ collection, asset, state });
      }
      return out;
    },
  };
}
