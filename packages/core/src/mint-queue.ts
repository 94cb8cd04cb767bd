import PQueue from 'p-queue';
import { createBatcher } from './batcher/batcher.js';
import { AbortError, ValidationError } from './errors/errors.js';
import { MintkitError } from './errors/mintkit-error.js';
import type { Journal } from './journal/journal.js';
import type { MintOptions } from './minter.js';
import { createSubmitter, type Entry, type SubmitterDeps } from './submitter/submitter.js';
import type { ContractType, MintOutcome, MintReceipt } from './types.js';
import type { MintAsset, MintAssetInput } from './validate/schemas.js';
import { validateAsset, validateCollection } from './validate/validate-asset.js';

interface LiveEntry extends Entry {
  resolve(receipt: MintReceipt): void;
  reject(error: unknown): void;
  cleanup?: (() => void) | undefined;
  /** Already in the journal (recovered on start): not recorded again. */
  recorded?: boolean | undefined;
}

/** What the submitter needs (the queue hands its deps on, adding `accept` and `refuse`), and more. */
export interface MintQueueDeps extends Omit<SubmitterDeps, 'accept' | 'refuse'> {
  journal: Journal;
  /** False for the built-in null journal: skip building intents nobody will read. */
  journaling: boolean;
  maxSize: number;
  lingerMs: number;
  concurrency: number;
  collections: ReadonlyMap<string, ContractType>;
  /** Hands an accepted mint to the tracker; returns its settled promise. */
  track(collection: string, asset: MintAsset, since?: number): Promise<MintOutcome>;
  /** After a 409 on our reference_id: look its status up (and report it to the tracker). */
  lookup(collection: string, referenceId: string): Promise<void>;
}

const noop = () => {};

/** A journal is user code: a synchronous throw becomes a rejection like any other failure. */
export function settle<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return fn();
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The path of a mint from `mint()` to an answer: validate, enqueue hooks, one live entry per
 * (collection, reference_id), batcher, journal (one `record` per batch, when the batch closes
 * and before it is sent), submitter; then accept (hand to the tracker) or refuse. `mint()`
 * stays synchronous up to the batcher unless hooks or a journal recovery need awaiting: this
 * path runs 100,000s of times.
 */
export function createMintQueue(d: MintQueueDeps) {
  const live = new Map<string, Set<string>>();
  const inferred = new Set<string>();
  // Collection strings already validated (a handful per game): skips the zod parse per mint.
  const validated = new Map<string, string>();
  const background = new Set<Promise<unknown>>();
  const admissions = new Set<Promise<unknown>>();
  const counters = { accepted: 0, rejected: 0, live: 0 };
  const report = (context: string) => (error: unknown) => d.emit('error', { error, context });

  const isLive = (c: string, r: string) => live.get(c)?.has(r) === true;
  const addLive = (c: string, r: string) => {
    let set = live.get(c);
    if (!set) {
      set = new Set();
      live.set(c, set);
    }
    set.add(r);
    counters.live++;
  };
  const dropLive = (c: string, r: string) => {
    if (live.get(c)?.delete(r)) counters.live--;
  };
  const inBackground = (p: Promise<unknown>) => {
    const tracked = p.catch(report('background task')).finally(() => background.delete(tracked));
    background.add(tracked);
  };

  const accept = (entries: Entry[], kind: 'accepted' | 'already-accepted') => {
    if (entries.length === 0) return;
    const collection = (entries[0] as Entry).collection;
    const refs: string[] | undefined = d.journaling ? [] : undefined;
    // Looked up once per batch rather than once per mint (dropLive does the same per entry).
    const liveRefs = live.get(collection);
    for (const entry of entries) {
      const e = entry as LiveEntry;
      const ref = e.asset.referenceId;
      e.state = 'done';
      e.cleanup?.();
      if (liveRefs?.delete(ref)) counters.live--;
      counters.accepted++;
      refs?.push(ref);
      e.resolve({ referenceId: ref, collection, accepted: kind, settled: d.track(collection, e.asset) });
      if (kind === 'already-accepted') inBackground(d.lookup(collection, ref));
    }
    if (refs) settle(() => d.journal.markAccepted(collection, refs)).catch(report('journal'));
  };

  // 'accepted', 'succeeded' and failures on chain come from the tracker; refusals from here.
  const refuse = (entry: Entry, error: MintkitError, retryable: boolean) => {
    const e = entry as LiveEntry;
    if (e.state === 'done') return;
    e.state = 'done';
    e.cleanup?.();
    dropLive(e.collection, e.asset.referenceId);
    counters.rejected++;
    d.emit('failed', { referenceId: e.asset.referenceId, collection: e.collection, error, retryable });
    e.reject(error);
    if (d.hooks.has('outcome')) {
      const ctx = {
        collection: e.collection,
        referenceId: e.asset.referenceId,
        asset: e.asset,
        status: 'failed' as const,
        tokenId: e.asset.tokenId,
        error,
      };
      d.hooks.run('outcome', ctx, () => undefined).catch(report('outcome hook'));
    }
  };

  const submitter = createSubmitter({ ...d, accept, refuse });
  const queue = new PQueue({ concurrency: d.concurrency });
  const batcher = createBatcher<LiveEntry>({
    maxSize: d.maxSize,
    lingerMs: d.lingerMs,
    clock: d.clock,
    flush: (collection, items) => {
      const fresh = items.filter((e) => !e.recorded);
      for (const e of fresh) e.recorded = true;
      // Recorded now, when the batch closes, and awaited before it is sent: one journal write per batch.
      const recorded =
        fresh.length > 0 && d.journaling
          ? settle(() => d.journal.record(fresh.map((e) => ({ collection, asset: e.asset }))))
          : undefined;
      recorded?.catch(noop);
      queue
        .add(async () => {
          try {
            await recorded;
          } catch (cause) {
            const error = new MintkitError(
              'JOURNAL',
              `the journal could not record the mints: ${String(cause)}`,
              { cause },
            );
            for (const e of items) refuse(e, error, true);
            return;
          }
          await submitter.submit(items);
        })
        .catch(report('submit'));
    },
  });

  const contractTypeOf = (collection: string, input: MintAssetInput): ContractType => {
    const declared = d.collections.get(collection);
    if (declared) return declared;
    if (inferred.has(collection)) return 'ERC1155';
    const looks1155 = input?.tokenId !== undefined && input?.amount !== undefined && input.amount !== '1';
    return looks1155 ? 'ERC1155' : 'ERC721';
  };

  /**
   * Validates, reserves the reference_id and returns the entry (its resolve/reject are set by
   * `enqueue`); throws ValidationError / AbortError. Allocates as little as it can: hot path.
   */
  const prepare = (
    collectionInput: string,
    input: MintAssetInput,
    signal: AbortSignal | undefined,
  ): LiveEntry => {
    let collection = validated.get(collectionInput);
    if (collection === undefined) {
      collection = validateCollection(collectionInput);
      if (validated.size < 1_000) validated.set(collectionInput, collection);
    }
    const type = contractTypeOf(collection, input);
    const strict = d.collections.has(collection);
    const asset = validateAsset(input, strict ? type : undefined);
    if (type === 'ERC1155' && !strict) inferred.add(collection);
    if (signal?.aborted)
      throw new AbortError('the mint was aborted before it was queued', { cause: signal.reason });
    let refs = live.get(collection);
    if (!refs) {
      refs = new Set();
      live.set(collection, refs);
    }
    // One hash operation instead of has + add: the set only grows when the id is new.
    const size = refs.size;
    refs.add(asset.referenceId);
    if (refs.size === size) {
      throw new ValidationError(
        'asset.referenceId',
        `"${asset.referenceId}" is already queued or in flight in this minter`,
      );
    }
    counters.live++;
    // Every field set up front: one stable object shape, no property added later on the hot path.
    return {
      collection,
      contractType: type,
      asset,
      state: 'queued',
      resolve: noop,
      reject: noop,
      cleanup: undefined,
      recorded: false,
    };
  };

  const enqueue = (entry: LiveEntry, signal: AbortSignal | undefined) =>
    new Promise<MintReceipt>((resolve, reject) => {
      entry.resolve = resolve;
      entry.reject = reject;
      const { collection, asset } = entry;
      if (signal) {
        const onAbort = () => {
          if (entry.state !== 'queued') return;
          entry.state = 'done';
          batcher.remove(collection, entry);
          dropLive(collection, asset.referenceId);
          if (entry.recorded) {
            settle(() => d.journal.markSettled(collection, asset.referenceId, 'failed')).catch(
              report('journal'),
            );
          }
          reject(new AbortError('the mint was aborted before it was sent', { cause: signal.reason }));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        entry.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
      batcher.add(collection, entry);
    });

  let recovered = false;
  let recovery: Promise<void> = Promise.resolve();

  /** The admission part of a mint that must await (journal recovery, enqueue hooks). */
  async function admitSlowly(
    collectionInput: string,
    input: MintAssetInput,
    signal: AbortSignal | undefined,
  ) {
    if (!recovered) await recovery;
    const entry = prepare(collectionInput, input, signal);
    if (!d.hooks.has('enqueue')) return entry;
    const { collection, contractType, asset } = entry;
    try {
      const out = await d.hooks.run('enqueue', { collection, contractType, asset }, (ctx) => ctx.asset);
      entry.asset = { ...out, referenceId: asset.referenceId };
      return entry;
    } catch (error) {
      dropLive(collection, asset.referenceId);
      throw error;
    }
  }

  return {
    accept,
    refuse,
    submitter,
    mint(collection: string, input: MintAssetInput, options?: MintOptions): Promise<MintReceipt> {
      // No `= {}` default: that would allocate an object per mint.
      const signal = options?.signal;
      try {
        if (!recovered || d.hooks.has('enqueue')) {
          const admitted = admitSlowly(collection, input, signal);
          // drain() waits for admissions (until the mint reaches the batcher), not for acceptance.
          const tracked = admitted.then(noop, noop).finally(() => admissions.delete(tracked));
          admissions.add(tracked);
          return admitted.then((entry) => enqueue(entry, signal));
        }
        return enqueue(prepare(collection, input, signal), signal);
      } catch (error) {
        return Promise.reject(error);
      }
    },
    /** Resubmits intents a previous run recorded but never got accepted; tracks accepted ones again. */
    recover(onAccepted: () => void) {
      recovery = (async () => {
        let tracked = 0;
        for (const intent of await d.journal.unfinished()) {
          const { collection, asset } = intent;
          if (isLive(collection, asset.referenceId)) continue;
          if (intent.state === 'accepted') {
            d.track(collection, asset, 0);
            tracked++;
            continue;
          }
          addLive(collection, asset.referenceId);
          batcher.add(collection, {
            collection,
            contractType: contractTypeOf(collection, asset),
            asset,
            state: 'queued',
            resolve: noop,
            reject: noop,
            cleanup: undefined,
            recorded: true,
          });
        }
        if (tracked > 0) onAccepted();
      })().then(
        () => {
          recovered = true;
        },
        (error) => {
          recovered = true;
          report('journal recovery')(error);
        },
      );
    },
    async drain(): Promise<void> {
      if (!recovered) await recovery;
      for (;;) {
        batcher.flushAll();
        if (admissions.size > 0) {
          // Mints still in their enqueue hooks: wait until they are queued.
          await Promise.race(admissions);
          continue;
        }
        await queue.onIdle();
        if (background.size > 0) await Promise.allSettled([...background]);
        const idle = batcher.size() === 0 && queue.size === 0 && queue.pending === 0;
        if (idle && background.size === 0 && admissions.size === 0) return;
      }
    },
    stats: () => ({
      queued: batcher.size() + admissions.size,
      inFlight: counters.live - batcher.size(),
      accepted: counters.accepted,
      rejected: counters.rejected,
    }),
    close() {
      submitter.close();
      batcher.close();
    },
  };
}
