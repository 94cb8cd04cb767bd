import { FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS, type FakeImmutableApi } from '@mintkit/testing';
import fc from 'fast-check';
import type { MintAssetInput } from '../../src/index.js';
import { type Harness, setup } from './setup.js';

export const CONTROL_OWNER = '0x00000000000000000000000000000000000c0de0';

export const validAsset = (referenceId: string): MintAssetInput => ({ referenceId, owner: CONTROL_OWNER });

/**
 * One minter over the fake for a whole property (creating one per run would dominate the
 * time); `resolveCollection` maps the names 'ERC721' / 'ERC1155' to the fake's addresses and
 * passes anything else through as the (fuzzed) collection.
 */
export async function withMinter(
  body: (h: Harness, resolveCollection: (c: unknown) => string) => Promise<void>,
  o: Parameters<typeof setup>[0] = {},
): Promise<void> {
  const h = setup({
    ...o,
    fake: { tier: 'partner', ...o.fake },
    minter: { tier: 'partner', tracking: { polling: false }, ...o.minter },
  });
  const resolveCollection = (c: unknown) =>
    (c === 'ERC721' ? FAKE_ERC721_ADDRESS : c === 'ERC1155' ? FAKE_ERC1155_ADDRESS : c) as string;
  try {
    await body(h, resolveCollection);
  } finally {
    const closing = h.minter.close();
    for (let i = 0; i < 50; i++) await h.tick(1_000);
    await closing;
  }
}

/** One answer a broken server or proxy might give. */
export interface HostileResponse {
  status: number;
  body: 'endless' | 'declared-huge' | string;
  contentType: string | null;
  /** The server processed the request before the answer went wrong. */
  processed: boolean;
}

const json = (v: unknown) => JSON.stringify(v);
const bodies: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    'null',
    '[]',
    '"ok"',
    '42',
    '<html><body><h1>502 Bad Gateway</h1></body></html>',
    '<!doctype html><title>Cloudflare</title>',
    json({ result: 'abc' }),
    json({ result: [123, null, 'x'] }),
    json({ result: [{ reference_id: 7, status: 'bogus' }] }),
    json({ result: [{ reference_id: 'fz-0', status: 'succeeded' }] }),
    json({ result: [{}], page: { next_cursor: 5 } }),
    json({ result: [], page: 'x' }),
    json({ result: [], page: { next_cursor: 'loop' } }),
    json({ message: null, code: 42, details: { id: 'reference_id', values: 'fz-0' } }),
    json({ code: 'CONFLICT_ERROR', details: { id: 'reference_id', values: [1, 2] } }),
    json({ code: 'CONFLICT_ERROR', details: { id: 'token_id', values: null } }),
    json({ code: 'VALIDATION_ERROR', details: { id: 'assets[99].owner_address' } }),
    json({ imx_remaining_mint_requests: 'lots', imx_mint_requests_limit_reset: {} }),
    json({ imx_remaining_mint_requests: -5, imx_mint_requests_retry_after: '-1-seconds' }),
  ),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 200 }),
);

export const hostileResponse: fc.Arbitrary<HostileResponse> = fc.record({
  status: fc.constantFrom(200, 202, 204, 400, 401, 404, 409, 413, 429, 500, 502, 503),
  body: fc.oneof(
    { weight: 12, arbitrary: bodies },
    { weight: 1, arbitrary: fc.constantFrom('endless', 'declared-huge') },
  ),
  contentType: fc.constantFrom(
    'application/json',
    'text/html',
    'text/plain',
    'application/octet-stream',
    null,
  ),
  processed: fc.boolean(),
});

function endlessBody(): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(256 * 1024).fill(0x20);
  let left = 80; // 20 MiB, over the 16 MiB cap: the reader must stop early
  return new ReadableStream({
    pull(controller) {
      if (left-- <= 0) return controller.close();
      controller.enqueue(chunk);
    },
  });
}

/**
 * A fetch in front of the fake that answers requests matching `target` with `garbage` (in
 * turn, cycling) until `heal()`. A `processed` answer reaches the model first, like an
 * after-processing fault.
 */
export function hostileFetch(
  fake: FakeImmutableApi,
  garbage: HostileResponse[],
  target: (method: string, path: string) => boolean,
): { fetch: typeof globalThis.fetch; heal(): void; hits(): number } {
  let healed = false;
  let next = 0;
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    if (healed || !target(request.method, path)) return fake.fetch(request);
    const g = garbage[next++ % garbage.length] as HostileResponse;
    // A 2xx says the request was processed: a 2xx the API never saw is not a server bug
    // mintkit could detect (see RELIABILITY.md).
    if (g.processed || (g.status >= 200 && g.status < 300)) await (await fake.fetch(request)).arrayBuffer();
    const headers: Record<string, string> = {};
    if (g.contentType) headers['content-type'] = g.contentType;
    if (g.status === 429) headers['retry-after'] = '1';
    const noBody = g.status === 204;
    if (g.body === 'declared-huge') headers['content-length'] = String(64 * 1024 * 1024);
    const body = noBody ? null : g.body === 'endless' || g.body === 'declared-huge' ? endlessBody() : g.body;
    return new Response(body, { status: g.status, headers });
  };
  return {
    fetch,
    hits: () => next,
    heal: () => {
      healed = true;
    },
  };
}
