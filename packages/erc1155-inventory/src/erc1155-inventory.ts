import {
  isMintkitError,
  type MintAsset,
  type Minter,
  type MintkitPlugin,
  ValidationError,
} from '@mintkit/core';
import { z } from 'zod';
import type { InventoryEvent, InventoryStats, MismatchPolicy } from './inventory-events.js';
import { createMemoryInventoryStore, type InventoryStore } from './inventory-store.js';
import { createTokenLedger } from './token-ledger.js';
import { createWarmUp, type WarmUpOptions, warmUpSchema } from './warm-up.js';

export interface Erc1155InventoryOptions {
  /**
   * Where the plugin remembers which token_ids exist and who holds the right to send a
   * token's metadata. Give a durable or shared one when several processes mint the same
   * collection, or to keep the knowledge across restarts.
   * @default createMemoryInventoryStore()
   * @example store: createMemoryInventoryStore()
   */
  store?: InventoryStore | undefined;
  /**
   * Learn which tokens exist before a collection's batches are sent, so tokens minted before
   * this process started go without metadata from the start (instead of healing a 409).
   * `true` pages through every ERC-1155 collection's NFTs before its first batch; an object
   * lists collections to page through, or token_ids to look up, at setup. Batches of a
   * collection wait for its warm-up (bounded by `maxPages`); a failed read ends it early.
   * @default undefined (no warm-up)
   * @example warmUp: true
   * @example warmUp: { collections: [POTIONS], maxPages: 20 }
   * @example warmUp: { collections: { [POTIONS]: ['1', '2', '3'] } }
   */
  warmUp?: true | WarmUpOptions | undefined;
  /**
   * A later mint carries metadata different from what the token was first minted with:
   * `'drop'` sends the mint without it; `'refresh'` mints without it, then pushes it with a
   * metadata refresh (a refresh replaces the whole document); `'error'` rejects `mint()` with
   * `MetadataMismatchError` before anything is queued.
   * @default 'drop'
   * @example onMetadataMismatch: 'error'
   */
  onMetadataMismatch?: MismatchPolicy | undefined;
  /**
   * Called with each thing the plugin does (metadata dropped, 409 healed, re-attached,
   * refreshed, ...). A throwing listener is ignored.
   * @default undefined
   * @example onEvent: (e) => logger.debug('inventory', e)
   */
  onEvent?: ((event: InventoryEvent) => void) | undefined;
}

/** The plugin, plus what it can tell about its work. */
export interface Erc1155InventoryPlugin extends MintkitPlugin {
  /** Counters since the plugin was created. */
  stats(): InventoryStats;
  /** Resolves once the warm-up and every metadata refresh started so far have finished. */
  idle(): Promise<void>;
}

const fn = (message: string) =>
  z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', message);
const optionsSchema = z.strictObject({
  store: z
    .custom<InventoryStore>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        ['has', 'add', 'claim', 'release'].every(
          (m) => typeof (v as Record<string, unknown>)[m] === 'function',
        ),
      'must implement has, add, claim and release',
    )
    .optional(),
  warmUp: warmUpSchema.optional(),
  onMetadataMismatch: z.enum(['drop', 'refresh', 'error']).optional(),
  onEvent: fn('must be a function').optional(),
});

/**
 * Sends ERC-1155 metadata only with the first mint of each token_id, so a game can hand the
 * same item to thousands of players without a 409, and no token ends up without metadata.
 *
 * @example
 * ```ts
 * const inventory = erc1155Inventory();
 * const minter = createMinter({ apiKey, plugins: [inventory] });
 * await minter.mint(POTIONS, { referenceId: 'p-1', owner, tokenId: '1', amount: '1', metadata });
 * inventory.stats(); // { metadataDropped, conflictsHealed, reattached, refreshed, ... }
 * ```
 */
export function erc1155Inventory(options: Erc1155InventoryOptions = {}): Erc1155InventoryPlugin {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = ['erc1155Inventory', ...(issue?.path ?? []).map(String)].join('.');
    throw new ValidationError(field, issue?.message ?? 'is invalid');
  }
  const store = options.store ?? createMemoryInventoryStore();
  const policy = options.onMetadataMismatch ?? 'drop';
  const onEvent = options.onEvent;
  const emit = (event: InventoryEvent) => {
    try {
      onEvent?.(event);
    } catch {
      // Same rule as the ledger: a listener never breaks a mint.
    }
  };
  let minter: Minter | undefined;
  const ledger = createTokenLedger({
    store,
    onMetadataMismatch: policy,
    onEvent: emit,
    refresh: async (collection, tokenId, metadata) => {
      if (!minter) throw new Error('erc1155Inventory: the plugin is not set up on a minter');
      // The whole document: a refresh replaces it (core sends absent keys as null).
      await minter.refreshMetadata(collection, [{ ...metadata, tokenId }]);
    },
  });
  const warming = createWarmUp(options.warmUp, ledger, emit);
  const erc1155 = new Set<string>();
  const lower = (collection: string) => collection.toLowerCase();
  const is1155 = (ctx: { collection: string; contractType: string }) => {
    if (ctx.contractType === 'ERC1155') erc1155.add(lower(ctx.collection));
    return erc1155.has(lower(ctx.collection));
  };

  return {
    name: 'erc1155-inventory',
    stats: () => ledger.stats(),
    async idle() {
      await warming.idle();
      await ledger.idle();
    },
    setup(m) {
      minter = m;
      warming.start(m);
      const offs = [
        // Only policy 'error' must act at enqueue (to reject mint()); the others decide at submit,
        // and an enqueue hook costs every mint an async hook run.
        ...(policy === 'error'
          ? [
              m.hooks.before('enqueue', (ctx) => {
                if (is1155(ctx)) ledger.observe(ctx.collection, ctx.asset);
              }),
            ]
          : []),
        m.hooks.before('submit', async (ctx) => {
          if (!is1155(ctx)) return;
          // Batches of a collection wait for its warm-up: sent earlier, an existing token's
          // metadata would meet a 409 (healed, but a wasted request).
          await warming.ready(ctx.collection);
          ctx.assets = await ledger.prepare(ctx.collection, ctx.assets);
        }),
        m.hooks.error('submit', async (error, ctx) => {
          if (!isMetadataConflict(error)) return undefined;
          const c = ctx.collection;
          let retry: MintAsset[];
          if (is1155(ctx)) {
            retry = await ledger.conflict(c, error.tokenIds, ctx.assets);
          } else {
            // Only ERC-1155 has this conflict: a collection core took for ERC-721 (amount "1",
            // not declared in `collections`) is ERC-1155 after all. Decide its batch as usual;
            // a 409 that remains after that is healed like any other.
            erc1155.add(lower(c));
            retry = await ledger.prepare(c, ctx.assets);
          }
          // Nothing left to strip: resubmitting would meet the same 409. Let core fail the offenders.
          const changed = retry.some((a, i) => a !== ctx.assets[i]);
          return changed ? { retry } : undefined;
        }),
        m.hooks.after('outcome', async (_result, ctx) => {
          if (!erc1155.has(lower(ctx.collection))) return;
          if (ctx.status === 'accepted') return ledger.accepted(ctx.collection, ctx.referenceId);
          await ledger.settled(
            ctx.collection,
            ctx.referenceId,
            ctx.status,
            ctx.tokenId ?? ctx.asset?.tokenId,
          );
        }),
      ];
      return () => {
        for (const off of offs) off();
      };
    },
  };
}

function isMetadataConflict(error: unknown): error is { kind: 'metadata'; tokenIds: readonly string[] } {
  return (
    isMintkitError(error) &&
    error.name === 'ConflictError' &&
    (error as unknown as { kind?: unknown }).kind === 'metadata'
  );
}
