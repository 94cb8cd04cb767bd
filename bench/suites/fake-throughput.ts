/**
 * How fast the fake accepts mints, so it is never what limits another benchmark. 100-asset
 * ERC-721 requests (explicit token ids, unique reference ids) from several concurrent
 * keep-alive connections for ~3 s: over loopback HTTP (`fake.listen()`, Node's undici
 * `fetch`) and in process (`fake.fetch`). A custom huge tier keeps the budget out of the
 * way; the manual clock never advances, so nothing settles during the run. Target: 20,000
 * accepted assets per second over loopback on the machine that runs the bench.
 */
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import type { BenchEntry } from '../types.js';

const TARGET = 20_000;
const ASSETS_PER_REQUEST = 100;
const CONNECTIONS = 8;
const DURATION_MS = 3_000;
const OWNER = '0x00000000000000000000000000000000000a11ce';

interface Run {
  assetsPerSecond: number;
  /** Per CPU-second of this process (client + fake): independent of other load on the machine. */
  assetsPerCpuSecond: number;
  requests: number;
  errors: number;
}

async function drive(label: 'listen' | 'fetch'): Promise<Run> {
  const fake = createFakeImmutableApi({
    tier: { ratePerMinute: 1e12, burst: 1e12 },
    latencyMs: null,
  });
  // Over loopback the client is Node's own fetch (undici, keep-alive by default).
  const server = label === 'listen' ? await fake.listen() : undefined;
  const base = server ? server.url : fake.baseUrl;
  const doFetch = server ? globalThis.fetch : fake.fetch;
  const url = `${base}/v1/chains/${fake.chainName}/collections/${FAKE_ERC721_ADDRESS}/nfts/mint-requests`;
  const headers = { 'content-type': 'application/json', 'x-immutable-api-key': fake.apiKey };
  let next = 0;
  let accepted = 0;
  let requests = 0;
  let errors = 0;
  const body = () => {
    const assets = [];
    for (let i = 0; i < ASSETS_PER_REQUEST; i++) {
      const id = ++next;
      assets.push({ reference_id: `bench-${id}`, owner_address: OWNER, token_id: String(id) });
    }
    return JSON.stringify({ assets });
  };

  // Warm-up: JIT and sockets.
  for (let i = 0; i < 20; i++)
    await (await doFetch(url, { method: 'POST', headers, body: body() })).arrayBuffer();

  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const deadline = started + DURATION_MS;
  const worker = async () => {
    while (performance.now() < deadline) {
      const res = await doFetch(url, { method: 'POST', headers, body: body() });
      await res.arrayBuffer();
      requests++;
      if (res.status === 202) accepted += ASSETS_PER_REQUEST;
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await server?.close();
  if (fake.mintRequests().length !== next)
    throw new Error(`${label}: the model holds ${fake.mintRequests().length}, sent ${next}`);
  return { assetsPerSecond: accepted / elapsed, assetsPerCpuSecond: accepted / cpuSeconds, requests, errors };
}

export const name = 'fake throughput';

export async function run(): Promise<BenchEntry[]> {
  const entries: BenchEntry[] = [];
  for (const label of ['listen', 'fetch'] as const) {
    const result = await drive(label);
    const where = label === 'listen' ? 'loopback HTTP (listen)' : 'in-process fake.fetch';
    const notes = `${CONNECTIONS} concurrent, ${ASSETS_PER_REQUEST}-asset ERC-721 requests, ${result.requests} requests, ${result.errors} non-202`;
    entries.push(
      {
        name: `accepted assets/s, ${where}`,
        value: Math.round(result.assetsPerSecond),
        unit: 'assets/s',
        baseline: TARGET,
        ratio: result.assetsPerSecond / TARGET,
        notes,
      },
      {
        // Wall-clock figures swing with whatever else runs on the machine; this one does not.
        name: `accepted assets per CPU-second (client + fake), ${where}`,
        value: Math.round(result.assetsPerCpuSecond),
        unit: 'assets/cpu-s',
        baseline: TARGET,
        ratio: result.assetsPerCpuSecond / TARGET,
        notes,
      },
    );
  }
  return entries;
}
