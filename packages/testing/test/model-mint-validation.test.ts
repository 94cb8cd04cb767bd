import { describe, expect, it } from 'vitest';
import { FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '../src/index.js';
import { asset721, asset1155, modelClient, OWNER_A } from './helpers/model-client.js';

const UINT256_MAX = ((1n << 256n) - 1n).toString();

describe('POST mint-requests: 400 VALIDATION_ERROR', () => {
  it.each([
    ['no assets', []],
    ['101 assets', Array.from({ length: 101 }, (_, i) => asset721(`r${i}`))],
  ])('rejects %s', async (_, assets) => {
    const c = modelClient();
    const r = await c.mint(FAKE_ERC721_ADDRESS, assets);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'assets' } });
  });

  it('accepts exactly 100 assets', async () => {
    const c = modelClient();
    const r = await c.mint(
      FAKE_ERC721_ADDRESS,
      Array.from({ length: 100 }, (_, i) => asset721(`r${i}`)),
    );
    expect(r.status).toBe(202);
  });

  it.each([
    ['missing body', undefined, 'assets'],
    ['assets not an array', { assets: {} }, 'assets'],
  ])('rejects %s', async (_, body, field) => {
    const c = modelClient();
    const r = await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`, {
      method: 'POST',
      body: body ?? {},
    });
    expect(r.status).toBe(400);
    expect(r.body.details.field).toBe(field);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const c = modelClient();
    const r = await c.send(`/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`, {
      method: 'POST',
      rawBody: '{"assets": [',
    });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'VALIDATION_ERROR', details: { field: 'body' } });
  });

  const cases: Array<[string, string, Record<string, unknown>, string]> = [
    ['empty reference_id', FAKE_ERC721_ADDRESS, { reference_id: '' }, 'reference_id'],
    ['missing owner_address', FAKE_ERC721_ADDRESS, { owner_address: undefined }, 'owner_address'],
    ['short owner_address', FAKE_ERC721_ADDRESS, { owner_address: '0x1234' }, 'owner_address'],
    ['non-hex owner_address', FAKE_ERC721_ADDRESS, { owner_address: `0x${'g'.repeat(40)}` }, 'owner_address'],
    ['token_id with a leading zero', FAKE_ERC721_ADDRESS, { token_id: '01' }, 'token_id'],
    ['negative token_id', FAKE_ERC721_ADDRESS, { token_id: '-1' }, 'token_id'],
    ['hex token_id', FAKE_ERC721_ADDRESS, { token_id: '0x10' }, 'token_id'],
    ['token_id above 2^256-1', FAKE_ERC721_ADDRESS, { token_id: `${UINT256_MAX.slice(0, -1)}6` }, 'token_id'],
    ['numeric token_id', FAKE_ERC721_ADDRESS, { token_id: 5 }, 'token_id'],
    ['ERC-721 amount other than 1', FAKE_ERC721_ADDRESS, { amount: '2' }, 'amount'],
    ['empty amount', FAKE_ERC1155_ADDRESS, { token_id: '1', amount: '' }, 'amount'],
    ['zero amount', FAKE_ERC1155_ADDRESS, { token_id: '1', amount: '0' }, 'amount'],
    ['ERC-1155 without token_id', FAKE_ERC1155_ADDRESS, { token_id: undefined, amount: '1' }, 'token_id'],
    ['ERC-1155 without amount', FAKE_ERC1155_ADDRESS, { token_id: '1', amount: undefined }, 'amount'],
    ['metadata that is not an object', FAKE_ERC721_ADDRESS, { metadata: 'x' }, 'metadata'],
    ['metadata.name not a string', FAKE_ERC721_ADDRESS, { metadata: { name: 3 } }, 'metadata.name'],
    ['attributes not an array', FAKE_ERC721_ADDRESS, { metadata: { attributes: {} } }, 'metadata.attributes'],
    [
      'attribute without trait_type',
      FAKE_ERC721_ADDRESS,
      { metadata: { attributes: [{ value: 1 }] } },
      'metadata.attributes[0].trait_type',
    ],
    [
      'attribute with an object value',
      FAKE_ERC721_ADDRESS,
      { metadata: { attributes: [{ trait_type: 't', value: {} }] } },
      'metadata.attributes[0].value',
    ],
    [
      'attribute with an unknown display_type',
      FAKE_ERC721_ADDRESS,
      { metadata: { attributes: [{ trait_type: 't', value: 1, display_type: 'percent' }] } },
      'metadata.attributes[0].display_type',
    ],
  ];
  it.each(cases)('names the field and the asset for %s', async (_, collection, override, field) => {
    const c = modelClient();
    const good = collection === FAKE_ERC1155_ADDRESS ? asset1155('ok', '7') : asset721('ok');
    const bad = {
      ...(collection === FAKE_ERC1155_ADDRESS ? asset1155('bad', '1') : asset721('bad')),
      ...override,
    };
    const r = await c.mint(collection, [good, good === bad ? good : { ...good, reference_id: 'ok2' }, bad]);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_ERROR');
    const expectedRef = override.reference_id === '' ? undefined : 'bad';
    expect(r.body.details).toMatchObject({ field: `assets[2].${field}`, id: `assets[2].${field}`, index: 2 });
    expect(r.body.details.reference_id).toBe(expectedRef);
    expect(r.body.message).toContain(`assets[2].${field}`);
    expect(c.model.mintRequests()).toHaveLength(0);
  });

  it('accepts the largest uint256 and "0" as token ids', async () => {
    const c = modelClient();
    const r = await c.mint(FAKE_ERC721_ADDRESS, [
      asset721('a', { token_id: UINT256_MAX }),
      asset721('b', { token_id: '0' }),
    ]);
    expect(r.status).toBe(202);
  });

  it('measures the 16 KiB metadata limit in UTF-8 bytes of the JSON', async () => {
    const c = modelClient();
    const overhead = JSON.stringify({ description: '' }).length;
    // "é" is 2 bytes in UTF-8: the same character count passes in ASCII and fails here.
    const ascii = { description: 'e'.repeat(16 * 1024 - overhead) };
    const utf8 = { description: 'é'.repeat((16 * 1024 - overhead) / 2 + 1) };
    expect((await c.mint(FAKE_ERC721_ADDRESS, [asset721('a', { metadata: ascii })])).status).toBe(202);
    const r = await c.mint(FAKE_ERC721_ADDRESS, [asset721('b', { metadata: utf8 })]);
    expect(r.status).toBe(400);
    expect(r.body.details).toMatchObject({ field: 'assets[0].metadata', reference_id: 'b' });
  });

  it('rejects a duplicate reference_id inside one request with 400 by default', async () => {
    const c = modelClient();
    const r = await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('b'), asset721('a')]);
    expect(r.status).toBe(400);
    expect(r.body.details).toMatchObject({ field: 'assets[2].reference_id', index: 2, reference_id: 'a' });
  });

  it('rejects a duplicate reference_id inside one request with 409 when configured', async () => {
    const c = modelClient({ behaviour: { duplicateReferenceIdInRequest: 409 } });
    const r = await c.mint(FAKE_ERC721_ADDRESS, [asset721('a'), asset721('a')]);
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ code: 'CONFLICT_ERROR', details: { id: 'reference_id', values: ['a'] } });
  });

  it('lets validateAddresses: false through and lower-cases owners', async () => {
    const c = modelClient({ behaviour: { validateAddresses: false } });
    expect((await c.mint(FAKE_ERC721_ADDRESS, [asset721('a', { owner_address: 'player-1' })])).status).toBe(
      202,
    );
    const upper = `0x${'AB'.repeat(20)}`;
    expect((await c.mint(FAKE_ERC721_ADDRESS, [asset721('b', { owner_address: upper })])).status).toBe(202);
    expect(c.model.mintRequests()[1]?.ownerAddress).toBe(upper.toLowerCase());
  });

  it('drops unknown metadata keys by default and rejects them when configured', async () => {
    const metadata = { name: 'x', rarity: 'epic' };
    const drop = modelClient();
    expect((await drop.mint(FAKE_ERC721_ADDRESS, [asset721('a', { metadata })])).status).toBe(202);
    expect(drop.model.mintRequests()[0]?.metadata).not.toHaveProperty('rarity');
    const reject = modelClient({ behaviour: { unknownMetadataKeys: 'reject' } });
    const r = await reject.mint(FAKE_ERC721_ADDRESS, [asset721('a', { metadata })]);
    expect(r.status).toBe(400);
    expect(r.body.details.field).toBe('assets[0].metadata.rarity');
  });

  it('requires name and image in metadata only with strictMetadata', async () => {
    const lax = modelClient();
    expect((await lax.mint(FAKE_ERC721_ADDRESS, [asset721('a', { metadata: {} })])).status).toBe(202);
    const strict = modelClient({ behaviour: { strictMetadata: true } });
    const r = await strict.mint(FAKE_ERC721_ADDRESS, [asset721('a', { metadata: { name: 'x' } })]);
    expect(r.status).toBe(400);
    expect(r.body.details.field).toBe('assets[0].metadata.image');
    expect((await strict.mint(FAKE_ERC721_ADDRESS, [asset721('b')])).status).toBe(202);
  });

  it('accepts an ERC-721 amount of "1" and null token_id/amount', async () => {
    const c = modelClient();
    const r = await c.mint(FAKE_ERC721_ADDRESS, [
      asset721('a', { amount: '1' }),
      asset721('b', { token_id: null, amount: null }),
    ]);
    expect(r.status).toBe(202);
    expect(c.model.mintRequests().map((m) => m.ownerAddress)).toEqual([OWNER_A, OWNER_A]);
  });
});
