/**
 * 100,000 ERC-721 mints through `createMinter` over loopback HTTP (the fake's `listen()` in a
 * child process; no rate limit: a huge custom tier on both sides; nothing settles), against
 * two baselines on the same kind of fake: a naive loop that awaits one POST per asset (run on
 * 2,000 assets and extrapolated as a rate: at its speed 100,000 would take over a minute), and
 * sequential awaited 100-asset POSTs (run on 20,000 assets). Each run gets a fresh fake.
 */
import { createMinter } from '@mintkit/core';
import { FAKE_API_KEY, FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import type { BenchEntry } from '../types.js';
import { startChildFake } from './core-cpu-heap.js';

const N = 100_000;
const NAIVE_N = 2_000;
const SEQ_N = 20_000;
const OWNER = '0x00000000000000000000000000000000000a11ce';
const HUGE = { ratePerMinute: 1e12, burst: 1e9 };

async function withFake<T>(
  fn: (base: string, fake: { apiKey: string; chainName: string }) => Promise<T>,
): Promise<T> {
  // The fake runs in a child process: client and server each get a core, as in production.
  const child = await startChildFake();
  try {
    return await fn(child.url, { apiKey: FAKE_API_KEY, chainName: 'imtbl-zkevm-testnet' });
  } finally {
    child.stop();
  }
}

async function minterRun(): Promise<{ rate: number; requests: number }> {
  return withFake(async (base, fake) => {
    const minter = createMinter({
      apiKey: fake.apiKey,
      environment: { baseUrl: base, chainName: fake.chainName },
      tier: HUGE,
      tracking: { polling: false },
    });
    // Warm-up (JIT, sockets), not counted.
    await Promise.all(
      Array.from({ length: 2_000 }, (_, i) =>
        minter.mint(FAKE_ERC721_ADDRESS, { referenceId: `w${i}`, owner: OWNER }),
      ),
    );
    const before = minter.stats().requests;
    const started = performance.now();
    const mints = new Array<Promise<unknown>>(N);
    for (let i = 0; i < N; i++)
      mints[i] = minter.mint(FAKE_ERC721_ADDRESS, { referenceId: `m${i}`, owner: OWNER });
    await Promise.all(mints);
    const seconds = (performance.now() - started) / 1000;
    const requests = minter.stats().requests - before;
    await minter.close();
    return { rate: N / seconds, requests };
  });
}

async function rawRun(count: number, perRequest: number): Promise<number> {
  return withFake(async (base, fake) => {
    const url = `${base}/v1/chains/${fake.chainName}/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`;
    const headers = { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey };
    let next = 0;
    const post = async () => {
      const assets = [];
      for (let i = 0; i < perRequest; i++)
        assets.push({ reference_id: `raw-${perRequest}-${next++}`, owner_address: OWNER });
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ assets }) });
      await res.arrayBuffer();
      if (res.status !== 202) throw new Error(`baseline got ${res.status}`);
    };
    for (let i = 0; i < 20; i++) await post();
    const started = performance.now();
    for (let done = 0; done < count; done += perRequest) await post();
    return count / ((performance.now() - started) / 1000);
  });
}

export const name = 'core: throughput (100k ERC-721 mints over loopback)';

export async function run(): Promise<BenchEntry[]> {
  const naive = await rawRun(NAIVE_N, 1);
  const sequential = await rawRun(SEQ_N, 100);
  const minter = await minterRun();
  const ideal = Math.ceil(N / 100) / N;
  return [
    { name: 'minter mints/s (100,000 mints)', value: Math.round(minter.rate), unit: 'mints/s' },
    {
      name: 'HTTP requests per mint (target ceil(N/100)/N)',
      value: minter.requests / N,
      unit: 'req/mint',
      baseline: ideal,
      ratio: minter.requests / N / ideal,
    },
    {
      name: 'vs naive one POST per asset (naive: 2,000 assets, rate extrapolated; target ≥50×)',
      value: Math.round(minter.rate),
      unit: 'mints/s',
      baseline: Math.round(naive),
      ratio: minter.rate / naive,
    },
    {
      name: 'vs sequential awaited 100-asset POSTs (20,000 assets)',
      value: Math.round(minter.rate),
      unit: 'mints/s',
      baseline: Math.round(sequential),
      ratio: minter.rate / sequential,
    },
  ];
}
