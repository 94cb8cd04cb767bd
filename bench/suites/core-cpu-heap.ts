/**
 * Client cost per mint. CPU: the fake runs in a child process (loopback HTTP), so
 * `process.cpuUsage()` of this process is the client alone — mintkit plus Node's HTTP client
 * (undici). The HTTP part is measured separately (the same 100-asset POSTs sent with bare
 * fetch) and subtracted to give mintkit's own share. Heap: mints queued behind a budget that never grants, with
 * the callers' input objects created before the baseline (they are the caller's memory), gc
 * forced before both readings; (heap after − heap before) / mints.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type Budget, createMinter } from '@mintkit/core';
import { createFakeImmutableApi, FAKE_API_KEY, FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import type { BenchEntry } from '../types.js';

const CPU_N = 50_000;
const HEAP_N = 100_000;
const OWNER = '0x00000000000000000000000000000000000a11ce';
const HUGE = { ratePerMinute: 1e12, burst: 1e9 };

// The child imports the built fake; it resolves from the bench package's node_modules.
const CHILD = `
import { createFakeImmutableApi } from '@mintkit/testing';
const fake = createFakeImmutableApi({ tier: { ratePerMinute: 1e12, burst: 1e9 }, latencyMs: null, recordRequests: false });
const server = await fake.listen();
process.stdout.write(server.url + '\\n');
process.stdin.on('end', () => server.close().then(() => process.exit(0)));
process.stdin.resume();
`;

/** Runs the fake (built, huge tier, nothing settles) in a child process on loopback. */
export async function startChildFake(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', (code) => reject(new Error(`fake child exited with ${code}`)));
  });
  return { url, stop: () => child.stdin.end() };
}

async function cpuPerMint(): Promise<number> {
  const child = await startChildFake();
  try {
    const minter = createMinter({
      apiKey: FAKE_API_KEY,
      environment: { baseUrl: child.url, chainName: 'imtbl-zkevm-testnet' },
      tier: HUGE,
      tracking: { polling: false },
    });
    await Promise.all(
      Array.from({ length: 5_000 }, (_, i) =>
        minter.mint(FAKE_ERC721_ADDRESS, { referenceId: `w${i}`, owner: OWNER }),
      ),
    );
    const before = process.cpuUsage();
    const mints = new Array<Promise<unknown>>(CPU_N);
    for (let i = 0; i < CPU_N; i++)
      mints[i] = minter.mint(FAKE_ERC721_ADDRESS, { referenceId: `c${i}`, owner: OWNER });
    await Promise.all(mints);
    const used = process.cpuUsage(before);
    await minter.close();
    return (used.user + used.system) / CPU_N;
  } finally {
    child.stop();
  }
}

/** The same 100-asset batches sent with bare fetch (concurrency 4): what any client pays for HTTP. */
async function cpuPerAssetRawFetch(): Promise<number> {
  const child = await startChildFake();
  try {
    const url = `${child.url}/v1/chains/imtbl-zkevm-testnet/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`;
    const headers = { 'content-type': 'application/json', 'x-immutable-api-key': FAKE_API_KEY };
    let next = 0;
    const post = async (prefix: string) => {
      const assets = [];
      for (let i = 0; i < 100; i++) assets.push({ reference_id: `${prefix}${next++}`, owner_address: OWNER });
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ assets }) });
      await res.arrayBuffer();
    };
    for (let i = 0; i < 50; i++) await post('rw');
    const before = process.cpuUsage();
    const worker = async () => {
      while (next < CPU_N + 5_000) await post('r');
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / (next - 5_000);
  } finally {
    child.stop();
  }
}

/** No HTTP at all: fetch answers an instant 202. What is left is mintkit (with ky and the tracker). */
async function cpuPerMintStubFetch(): Promise<number> {
  const body = JSON.stringify({
    imx_mint_requests_limit: '1000000000',
    imx_remaining_mint_requests: '999999999',
  });
  const stub: typeof fetch = async () =>
    new Response(body, { status: 202, headers: { 'content-type': 'application/json' } });
  const minter = createMinter({
    apiKey: FAKE_API_KEY,
    fetch: stub,
    tier: HUGE,
    tracking: { polling: false },
  });
  const round = async (prefix: string, n: number) => {
    const mints = new Array<Promise<unknown>>(n);
    for (let i = 0; i < n; i++)
      mints[i] = minter.mint(FAKE_ERC721_ADDRESS, { referenceId: `${prefix}${i}`, owner: OWNER });
    await Promise.all(mints);
  };
  await round('sw', CPU_N); // warm-up: JIT
  const before = process.cpuUsage();
  await round('s', CPU_N);
  const used = process.cpuUsage(before);
  await minter.close();
  return (used.user + used.system) / CPU_N;
}

async function heapPerQueuedMint(): Promise<number> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const fake = createFakeImmutableApi({ latencyMs: null, recordRequests: false });
  const never: Budget = { acquire: () => new Promise(() => {}), refund() {}, observe() {}, pauseUntil() {} };
  const minter = createMinter({
    apiKey: fake.apiKey,
    fetch: fake.fetch,
    clock: fake.clock,
    budget: never,
    tracking: { polling: false },
  });
  const inputs = Array.from({ length: HEAP_N }, (_, i) => ({ referenceId: `h${i}`, owner: OWNER }));
  const pending: Array<Promise<unknown>> = new Array(HEAP_N);
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < HEAP_N; i++)
    pending[i] = minter.mint(FAKE_ERC721_ADDRESS, inputs[i] as (typeof inputs)[number]);
  // Let every mint pass validation and the journal into the batcher / queue.
  for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  const queued = minter.stats().queued + minter.stats().inFlight;
  if (queued < HEAP_N) throw new Error(`only ${queued} mints queued`);
  // Deliberately not closed: close() would wait for a budget that never grants.
  return (after - before) / HEAP_N;
}

export const name = 'core: client CPU and heap per mint';

export async function run(): Promise<BenchEntry[]> {
  const cpu = await cpuPerMint();
  const raw = await cpuPerAssetRawFetch();
  const stubbed = await cpuPerMintStubFetch();
  const heap = await heapPerQueuedMint();
  return [
    {
      name: 'client CPU per mint, all of this process (fake in a child; incl. undici fetch)',
      value: cpu,
      unit: 'µs/mint',
      baseline: raw,
      ratio: cpu / raw,
      notes: 'baseline: the same 100-asset POSTs with bare fetch, per asset',
    },
    {
      name: "mintkit's own CPU per mint (above minus bare fetch; target ≤10)",
      value: cpu - raw,
      unit: 'µs/mint',
      baseline: 10,
      ratio: (cpu - raw) / 10,
    },
    {
      name: 'mintkit CPU per mint with fetch stubbed to an instant 202 (incl. ky, tracker; target ≤10)',
      value: stubbed,
      unit: 'µs/mint',
      baseline: 10,
      ratio: stubbed / 10,
    },
    {
      name: 'heap per queued mint',
      value: Math.round(heap),
      unit: 'bytes',
      baseline: 1024,
      ratio: heap / 1024,
    },
  ];
}
