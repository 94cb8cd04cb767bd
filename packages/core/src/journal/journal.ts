import type { MintAsset } from '../validate/schemas.js';

/** One asset the caller asked to mint, as the journal stores it. */
export interface MintIntent {
  collection: string;
  asset: MintAsset;
}

/**
 * Where intents are written before they are sent, so a restart can finish them. The memory
 * journal (default) survives nothing; `@mintkit/sqlite` provides a durable one.
 */
export interface Journal {
  /** Called before `mint()` considers the asset queued. */
  record(intents: MintIntent[]): Promise<void>;
  markAccepted(collection: string, referenceIds: string[]): Promise<void>;
  markSettled(collection: string, referenceId: string, outcome: 'succeeded' | 'failed'): Promise<void>;
  /** Intents never settled: `queued` ones are resubmitted on start, `accepted` ones tracked. */
  unfinished(): Promise<Array<MintIntent & { state: 'queued' | 'accepted' }>>;
  close?(): Promise<void>;
}
