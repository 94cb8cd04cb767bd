import { describe, expect, it } from 'vitest';
import { createMemoryInventoryStore } from '../src/inventory-store.js';
import { MetadataMismatchError } from '../src/metadata-mismatch-error.js';
import { asset, C, carriers, ELIXIR, ledgerUnderTest, POTION } from './helpers/ledger.js';

describe('token ledger: who keeps the metadata', () => {
  it('keeps metadata on the first mint of a token in a batch and drops it from the rest', async () => {
    const { ledger } = ledgerUnderTest();
    const out = await ledger.prepare(C, [
      asset('a', '1', POTION),
      asset('b', '1', POTION),
      asset('c', '2', POTION),
    ]);
    expect(carriers(out)).toEqual(['a', 'c']);
    expect(ledger.stats().metadataDropped).toBe(1);
  });

  it('puts the asset carrying the metadata first among the assets of its token (the API counts earlier ones as minting it)', async () => {
    const { ledger } = ledgerUnderTest();
    const out = await ledger.prepare(C, [asset('b', '2'), asset('c', '1'), asset('d', '1', POTION)]);
    expect(out.map((a) => a.referenceId)).toEqual(['b', 'd', 'c']);
    expect(carriers(out)).toEqual(['d']);
  });

  it('drops metadata in a second batch while the first mint is in flight, keeps it on retries of the first', async () => {
    const { ledger } = ledgerUnderTest();
    expect(carriers(await ledger.prepare(C, [asset('a', '1', POTION)]))).toEqual(['a']);
    ledger.accepted(C, 'a');
    expect(carriers(await ledger.prepare(C, [asset('b', '1', POTION)]))).toEqual([]);
    expect(carriers(await ledger.prepare(C, [asset('a', '1', POTION)]))).toEqual(['a']);
    expect(ledger.stats().metadataDropped).toBe(1);
  });

  it('holds a later batch until the earlier claim of its token is accepted (a pending mint counts as minting it)', async () => {
    const { ledger } = ledgerUnderTest();
    await ledger.prepare(C, [asset('a', '1', POTION), asset('x', '2')]);
    let released = false;
    const second = ledger.prepare(C, [asset('b', '1', POTION), asset('c', '2', POTION)]).then((out) => {
      released = true;
      return out;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toBe(false);
    // A retry of the earlier batch is never held by the later batch's claim on token 2.
    expect(carriers(await ledger.prepare(C, [asset('a', '1', POTION), asset('x', '2')]))).toEqual(['a']);
    ledger.accepted(C, 'a');
    expect(carriers(await second)).toEqual(['c']);
  });

  it('releases a held batch when the claim is given up (the claimant failed)', async () => {
    const { ledger } = ledgerUnderTest();
    await ledger.prepare(C, [asset('a', '1', POTION)]);
    const second = ledger.prepare(C, [asset('b', '1')]);
    await ledger.settled(C, 'a', 'failed');
    expect(carriers(await second)).toEqual([]);
  });

  it('gives up a claim made before a restart when that mint fails, so the next mint carries metadata', async () => {
    const store = createMemoryInventoryStore();
    await store.claim(C, '1', 'before-restart'); // the previous process claimed token 1 and crashed
    const { ledger } = ledgerUnderTest({ store });
    expect(carriers(await ledger.prepare(C, [asset('b', '1', POTION)]))).toEqual([]);
    await ledger.settled(C, 'before-restart', 'failed', '1');
    expect(carriers(await ledger.prepare(C, [asset('c', '1', POTION)]))).toEqual(['c']);
  });

  it('drops metadata of a token that exists, and leaves assets without token_id alone', async () => {
    const { ledger } = ledgerUnderTest();
    await ledger.markExisting(C, [{ tokenId: '7' }]);
    const erc721 = asset('x', undefined, POTION);
    const out = await ledger.prepare(C, [asset('a', '7', POTION), erc721]);
    expect(carriers(out)).toEqual(['x']);
    expect(out[1]).toBe(erc721);
    expect(ledger.stats()).toMatchObject({ warmedUp: 1, metadataDropped: 1 });
  });

  it('does not count a retried, already stripped asset twice', async () => {
    const { ledger } = ledgerUnderTest();
    await ledger.prepare(C, [asset('a', '1', POTION), asset('b', '1', POTION)]);
    // A retry that carries the original (unstripped) asset again.
    expect(carriers(await ledger.prepare(C, [asset('b', '1', POTION)]))).toEqual([]);
    expect(ledger.stats().metadataDropped).toBe(1);
    const { ledger: l2 } = ledgerUnderTest();
    const [, stripped] = await l2.prepare(C, [asset('a', '1', POTION), asset('b', '1', POTION)]);
    await l2.prepare(C, [stripped!]);
    expect(l2.stats().metadataDropped).toBe(1);
  });
});

describe('token ledger: the first mint fails', () => {
  it('re-attaches the metadata to the next mint of the token when nothing else minted it', async () => {
    const { ledger, refreshes } = ledgerUnderTest();
    await ledger.prepare(C, [asset('a', '1', POTION), asset('b', '1', POTION)]);
    await ledger.settled(C, 'b', 'failed');
    await ledger.settled(C, 'a', 'failed');
    const out = await ledger.prepare(C, [asset('c', '1')]);
    expect(out[0]?.metadata).toEqual(POTION);
    expect(ledger.stats().reattached).toBe(1);
    await ledger.settled(C, 'c', 'succeeded', '1');
    await ledger.idle();
    expect(refreshes).toEqual([]);
  });

  it('pushes the metadata with a refresh when a later mint without metadata minted the token', async () => {
    const { ledger, refreshes } = ledgerUnderTest();
    await ledger.prepare(C, [asset('a', '1', POTION), asset('b', '1', POTION)]);
    await ledger.settled(C, 'b', 'succeeded', '1');
    await ledger.settled(C, 'a', 'failed');
    await ledger.idle();
    expect(refreshes).toEqual([{ collection: C, tokenId: '1', metadata: POTION }]);
  });

  it('waits for the later mint when it is still in flight, then refreshes once it succeeds', async () => {
    const { ledger, refreshes } = ledgerUnderTest();
    await ledger.prepare(C, [asset('a', '1', POTION), asset('b', '1')]);
    await ledger.settled(C, 'a', 'failed');
    // b is in flight without metadata: c must not carry it too (b may mint the token first).
    expect(carriers(await ledger.prepare(C, [asset('c', '1')]))).toEqual([]);
    await ledger.settled(C, 'b', 'succeeded', '1');
    await ledger.idle();
    expect(refreshes).toHaveLength(1);
    expect(ledger.stats().refreshed).toBe(1);
  });

  it('keeps the metadata after a failed refresh and pushes it after the next success', async () => {
    const t = ledgerUnderTest();
    await t.ledger.prepare(C, [asset('a', '1', POTION), asset('b', '1')]);
    t.failRefreshes(true);
    await t.ledger.settled(C, 'b', 'succeeded', '1');
    await t.ledger.settled(C, 'a', 'failed');
    await t.ledger.idle();
    expect(t.ledger.stats().refreshFailures).toBe(1);
    t.failRefreshes(false);
    await t.ledger.prepare(C, [asset('c', '1')]);
    await t.ledger.settled(C, 'c', 'succeeded', '1');
    await t.ledger.idle();
    expect(t.refreshes).toEqual([{ collection: C, tokenId: '1', metadata: POTION }]);
  });
});

describe('token ledger: 409 metadata conflicts', () => {
  it('marks the token existing and strips its metadata from the resubmitted batch', async () => {
    const { ledger, store, refreshes } = ledgerUnderTest();
    const batch = await ledger.prepare(C, [asset('a', '1', POTION), asset('b', '2', POTION)]);
    const retry = await ledger.conflict(C, ['1'], batch);
    expect(carriers(retry)).toEqual(['b']);
    expect(retry.map((a) => a.referenceId)).toEqual(['a', 'b']);
    expect(await store.has(C, '1')).toBe(true);
    expect(carriers(await ledger.prepare(C, retry))).toEqual(['b']);
    await ledger.settled(C, 'a', 'succeeded', '1');
    await ledger.idle();
    // Another process minted it with its metadata: nothing of ours to push.
    expect(refreshes).toEqual([]);
    expect(ledger.stats().conflictsHealed).toBe(1);
  });

  it('pushes our metadata by refresh when our own earlier mint of the token caused the conflict', async () => {
    const { ledger, refreshes } = ledgerUnderTest();
    // Batch 2 (stripped) reached the server before batch 1 (another minter of ours, say).
    const first = await ledger.prepare(C, [asset('a', '1', POTION)]);
    const second = ledger.prepare(C, [asset('b', '1', POTION)]);
    await ledger.conflict(C, ['1'], first);
    expect(carriers(await second)).toEqual([]);
    await ledger.settled(C, 'b', 'succeeded', '1');
    await ledger.idle();
    expect(refreshes).toEqual([{ collection: C, tokenId: '1', metadata: POTION }]);
  });

  it('treats every metadata-carrying token as conflicting when the API names none', async () => {
    const { ledger, refreshes } = ledgerUnderTest();
    const batch = await ledger.prepare(C, [asset('a', '1', POTION), asset('b', '2')]);
    const retry = await ledger.conflict(C, [], batch);
    expect(carriers(retry)).toEqual([]);
    await ledger.settled(C, 'a', 'succeeded', '1');
    await ledger.idle();
    expect(refreshes).toEqual([{ collection: C, tokenId: '1', metadata: POTION }]);
  });
});

describe('token ledger: different metadata on a later mint', () => {
  it('drop (default): counts the mismatch and sends nothing', async () => {
    const { ledger, refreshes, events } = ledgerUnderTest();
    ledger.observe(C, asset('a', '1', POTION));
    ledger.observe(C, asset('b', '1', ELIXIR));
    await ledger.prepare(C, [asset('a', '1', POTION), asset('b', '1', ELIXIR)]);
    await ledger.settled(C, 'a', 'succeeded', '1');
    await ledger.settled(C, 'b', 'succeeded', '1');
    await ledger.idle();
    expect(refreshes).toEqual([]);
    expect(ledger.stats()).toMatchObject({ metadataMismatches: 1, metadataDropped: 1 });
    expect(events).toContainEqual({
      type: 'metadataMismatch',
      collection: C,
      tokenId: '1',
      referenceId: 'b',
      policy: 'drop',
    });
  });

  it('refresh: pushes the new metadata once the later mint succeeded', async () => {
    const { ledger, refreshes } = ledgerUnderTest({ policy: 'refresh' });
    ledger.observe(C, asset('a', '1', POTION));
    ledger.observe(C, asset('b', '1', ELIXIR));
    await ledger.prepare(C, [asset('a', '1', POTION), asset('b', '1', ELIXIR)]);
    // b settles first: the push waits for a, whose mint carries the older metadata.
    await ledger.settled(C, 'b', 'succeeded', '1');
    await ledger.idle();
    expect(refreshes).toEqual([]);
    await ledger.settled(C, 'a', 'succeeded', '1');
    await ledger.idle();
    expect(refreshes).toEqual([{ collection: C, tokenId: '1', metadata: ELIXIR }]);
  });

  it('error: refuses the later mint at enqueue, and accepts identical metadata', () => {
    const { ledger } = ledgerUnderTest({ policy: 'error' });
    ledger.observe(C, asset('a', '1', POTION));
    expect(() => ledger.observe(C, asset('b', '1', { ...POTION }))).not.toThrow();
    expect(() => ledger.observe(C, asset('c', '1', ELIXIR))).toThrow(MetadataMismatchError);
  });

  it('compares with the metadata read by the warm-up', async () => {
    const { ledger } = ledgerUnderTest({ policy: 'error' });
    await ledger.markExisting(C, [{ tokenId: '1', metadata: POTION }]);
    expect(() => ledger.observe(C, asset('c', '1', ELIXIR))).toThrow(MetadataMismatchError);
  });
});
