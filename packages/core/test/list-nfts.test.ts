import type { FakeImmutableApi } from '@mintkit/testing';
import { describe, expect, it } from 'vitest';
import { ApiError, ValidationError } from '../src/index.js';
import { ERC721, owner, setup } from './helpers/setup.js';

/** Mints token_ids 1..count in ERC721 straight through the fake (as another process would), then settles them. */
async function seed(fake: FakeImmutableApi, count: number): Promise<void> {
  const url = `${fake.baseUrl}/v1/chains/${fake.chainName}/collections/${ERC721}/nfts/mint-requests`;
  for (let start = 1; start <= count; start += 100) {
    const assets = [];
    for (let id = start; id < start + 100 && id <= count; id++)
      assets.push({ reference_id: `seed-${id}`, owner_address: owner(id), token_id: String(id) });
    const response = await fake.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey },
      body: JSON.stringify({ assets }),
    });
    if (response.status !== 202) throw new Error(`seeding answered ${response.status}`);
  }
  await fake.settle();
}

const listReads = (fake: FakeImmutableApi) =>
  fake.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/collections/${ERC721}/nfts`));

describe('listNfts', () => {
  it('pages through a collection: each nextCursor returns the following page, the last one is null', async () => {
    const h = setup();
    await seed(h.fake, 7);
    const ids: string[] = [];
    const cursors: Array<string | null> = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof h.minter.listNfts>> = await h.minter.listNfts(ERC721, {
        pageSize: 3,
        pageCursor: cursor,
      });
      expect(page.result.length).toBeLessThanOrEqual(3);
      ids.push(...page.result.map((n) => n.token_id));
      cursor = page.page.nextCursor;
      cursors.push(cursor);
    } while (cursor !== null && cursors.length < 10);
    expect(ids).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(cursors).toHaveLength(3);
    expect(cursors[2]).toBeNull();
    const searches = listReads(h.fake).map((r) => new URLSearchParams(r.search));
    expect(searches.map((s) => s.get('page_size'))).toEqual(['3', '3', '3']);
    expect(searches.map((s) => s.get('page_cursor'))).toEqual([null, cursors[0], cursors[1]]);
    await h.minter.close();
  });

  it('without options sends no query string and returns the NFT fields as the indexer sends them', async () => {
    const h = setup();
    await seed(h.fake, 2);
    const page = await h.minter.listNfts(ERC721.toUpperCase().replace('0X', '0x'));
    expect(page.page.nextCursor).toBeNull();
    expect(page.result.map((n) => n.token_id)).toEqual(['1', '2']);
    expect(page.result[0]).toMatchObject({ contract_address: ERC721.toLowerCase(), contract_type: 'ERC721' });
    expect(listReads(h.fake).map((r) => r.search)).toEqual(['']);
    await h.minter.close();
  });

  it('nfts() yields every NFT across pages, one request per page', async () => {
    const h = setup();
    await seed(h.fake, 205);
    const ids: string[] = [];
    for await (const nft of h.minter.nfts(ERC721, { pageSize: 100 })) ids.push(nft.token_id);
    expect(ids).toHaveLength(205);
    expect(new Set(ids).size).toBe(205);
    expect(listReads(h.fake)).toHaveLength(3);
    await h.minter.close();
  });

  it('narrows to tokenIds (repeated token_id parameters); unknown ids are absent', async () => {
    const h = setup();
    await seed(h.fake, 6);
    const page = await h.minter.listNfts(ERC721, { tokenIds: ['5', '2', '999'] });
    expect(page.result.map((n) => n.token_id).sort()).toEqual(['2', '5']);
    const [read] = listReads(h.fake);
    expect(new URLSearchParams(read?.search).getAll('token_id')).toEqual(['5', '2', '999']);
    await h.minter.close();
  });

  it('refuses more than 30 tokenIds, a bad page size or collection, before sending anything', async () => {
    const h = setup();
    const ids = Array.from({ length: 31 }, (_, i) => String(i + 1));
    const tooMany = await h.minter.listNfts(ERC721, { tokenIds: ids }).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(ValidationError);
    expect(tooMany).toMatchObject({ field: 'tokenIds' });
    expect((tooMany as Error).message).toContain('30');
    await expect(h.minter.listNfts(ERC721, { tokenIds: ids.slice(0, 30) })).resolves.toMatchObject({
      result: [],
    });
    await expect(h.minter.listNfts(ERC721, { pageSize: 201 })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'pageSize',
    });
    await expect(h.minter.listNfts(ERC721, { tokenIds: ['1', 'x'] })).rejects.toMatchObject({
      field: 'tokenIds[1]',
    });
    await expect(h.minter.listNfts('0xnope')).rejects.toMatchObject({ field: 'collection' });
    // Only the valid 30-id read reached the API.
    expect(h.fake.requests).toHaveLength(1);
    await h.minter.close();
  });

  it('refuses a 200 whose body is not an NFT list, and maps a non-2xx to a typed error', async () => {
    const h = setup();
    await seed(h.fake, 1);
    h.fake.faults.next(
      1,
      { status: 200, body: { result: [{ token_id: 1 }], page: null } },
      { method: 'GET' },
    );
    const malformed = await h.minter.listNfts(ERC721).catch((e: unknown) => e);
    expect(malformed).toBeInstanceOf(ApiError);
    expect(malformed).toMatchObject({ code: 'MALFORMED_RESPONSE', status: 200 });
    expect((malformed as Error).message).toContain('result.0');

    h.fake.faults.next(1, { status: 500 }, { method: 'GET' });
    await expect(h.minter.listNfts(ERC721)).rejects.toMatchObject({ name: 'ApiError', status: 500 });

    h.fake.faults.next(1, { status: 200, body: { nope: true } }, { method: 'GET' });
    const iterate = async () => {
      for await (const _ of h.minter.nfts(ERC721)) {
        // never reached: the first page is malformed
      }
    };
    await expect(iterate()).rejects.toMatchObject({ code: 'MALFORMED_RESPONSE' });
    // The real answer is still readable afterwards.
    await expect(h.minter.listNfts(ERC721)).resolves.toMatchObject({ result: [{ token_id: '1' }] });
    await h.minter.close();
  });
});
