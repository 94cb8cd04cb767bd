/**
 * What the durable journal costs. (1) Mint throughput through `createMinter` with the SQLite
 * journal against the default memory journal, in one run: a game server keeping 2,000 mints
 * outstanding (a new `mint()` as each one is accepted), ERC-721 with explicit token ids,
 * against the fake in process (`fake.fetch`: the network is not what is measured), a huge
 * tier so the budget stays out of the way, nothing settling. Rounds alternate memory/SQLite
 * and the best of each counts (wall clock: what a game sees); the CPU time per mint is
 * reported too, as it barely moves when other processes share the machine.
 * Target: SQLite ≥ 0.5× memory.
 * (2) Restart-to-resumed: a journal file holding 10,000 unfinished (queued) intents is
 * opened by a new minter; measured until the first resubmission is sent, and until all
 * 10,000 are accepted again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMinter, type Journal } from '@mintkit/core';
import { sqliteJournal } from '@mintkit/sqlite';
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import type { BenchEntry } from '../types.js';

const MINTS = 20_000;
const OUTSTANDING = 2_000;
const ROUNDS = 3;
const UNFINISHED = 10_000;
const TARGET_RATIO = 0.5;
const HUGE = { ratePerMinute: 1e12, burst: 1e12 };
const OWNER = '0x00000000000000000000000000000000000a11ce';

let tokenIds = 0;
const asset = (prefix: string) => {
  const id = ++tokenIds;
  return { referenceId: `${prefix}-${id}`, owner: OWNER, tokenId: String(id) };
};

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

/** Accepted mints per second, and CPU µs per mint, with `journal` (memory when undefined). */
async function throughput(
  journal: Journal | undefined,
  count: number,
): Promise<{ perSecond: number; cpuUs: number }> {
  const fake = createFakeImmutableApi({ tier: HUGE, latencyMs: null, recordRequests: false });
  const minter = createMinter({ apiKey: fake.apiKey, fetch: fake.fetch, tier: HUGE, journal });
  const prefix = journal ? 'sqlite' : 'memory';
  let started = 0;
  let failed = 0;
  const started0 = performance.now();
  const cpu0 = cpuMs();
  const lane = async () => {
    while (started < count) {
      started++;
      await minter.mint(FAKE_ERC721_ADDRESS, asset(prefix)).catch(() => {
        failed++;
      });
    }
  };
  await Promise.all(Array.from({ length: OUTSTANDING }, lane));
  const seconds = (performance.now() - started0) / 1000;
  const cpuUs = ((cpuMs() - cpu0) * 1000) / count;
  await minter.close();
  if (failed > 0) throw new Error(`${failed} mints failed`);
  if (fake.mintRequests().length !== count)
    throw new Error(`the fake holds ${fake.mintRequests().length} of ${count}`);
  return { perSecond: count / seconds, cpuUs };
}

async function restart(dir: string): Promise<{ load: number; resumed: number; reaccepted: number }> {
  const path = join(dir, 'restart.sqlite');
  const seed = sqliteJournal({ path });
  await seed.record(
    Array.from({ length: UNFINISHED }, () => ({ collection: FAKE_ERC721_ADDRESS, asset: asset('restart') })),
  );
  await seed.close();

  const probe = sqliteJournal({ path });
  const loadStarted = performance.now();
  const loaded = await probe.unfinished();
  const load = performance.now() - loadStarted;
  await probe.close();
  if (loaded.length !== UNFINISHED) throw new Error(`loaded ${loaded.length}`);

  const fake = createFakeImmutableApi({ tier: HUGE, latencyMs: null, recordRequests: false });
  const started = performance.now();
  const journal = sqliteJournal({ path });
  const minter = createMinter({ apiKey: fake.apiKey, fetch: fake.fetch, tier: HUGE, journal });
  const firstSubmit = new Promise<number>((resolve) => {
    minter.once('submitted', () => resolve(performance.now() - started));
  });
  await minter.drain();
  const reaccepted = performance.now() - started;
  const resumed = await firstSubmit;
  await minter.close();
  if (fake.mintRequests().length !== UNFINISHED) throw new Error(`resubmitted ${fake.mintRequests().length}`);
  return { load, resumed, reaccepted };
}

export const name = 'durable journal (SQLite) vs memory';

export async function run(): Promise<BenchEntry[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mintkit-bench-journal-'));
  try {
    let n = 0;
    const fresh = () => sqliteJournal({ path: join(dir, `throughput-${++n}.sqlite`) });
    // Warm-up: JIT, prepared statements, the fake's code paths.
    await throughput(undefined, 4_000);
    await throughput(fresh(), 4_000);
    const memory: Array<{ perSecond: number; cpuUs: number }> = [];
    const sqlite: Array<{ perSecond: number; cpuUs: number }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      memory.push(await throughput(undefined, MINTS));
      sqlite.push(await throughput(fresh(), MINTS));
    }
    const best = {
      memory: Math.max(...memory.map((r) => r.perSecond)),
      sqlite: Math.max(...sqlite.map((r) => r.perSecond)),
    };
    const cpu = {
      memory: Math.min(...memory.map((r) => r.cpuUs)),
      sqlite: Math.min(...sqlite.map((r) => r.cpuUs)),
    };
    const ratio = best.sqlite / best.memory;
    const times = await restart(dir);
    return [
      {
        name: `accepted mints/s, memory journal (${MINTS}, ${OUTSTANDING} outstanding)`,
        value: Math.round(best.memory),
        unit: 'mints/s',
      },
      {
        name: `accepted mints/s, SQLite journal (target ≥ ${TARGET_RATIO}× memory)`,
        value: Math.round(best.sqlite),
        unit: 'mints/s',
        baseline: Math.round(best.memory),
        ratio,
        notes: ratio >= TARGET_RATIO ? 'meets target' : 'BELOW TARGET',
      },
      { name: 'CPU per accepted mint, memory journal', value: Math.round(cpu.memory * 10) / 10, unit: 'µs' },
      {
        name: 'CPU per accepted mint, SQLite journal',
        value: Math.round(cpu.sqlite * 10) / 10,
        unit: 'µs',
        baseline: Math.round(cpu.memory * 10) / 10,
        ratio: cpu.sqlite / cpu.memory,
      },
      {
        name: `journal open → ${UNFINISHED} unfinished loaded`,
        value: Math.round(times.load * 10) / 10,
        unit: 'ms',
      },
      {
        name: `restart → first resubmission sent (${UNFINISHED} unfinished)`,
        value: Math.round(times.resumed),
        unit: 'ms',
      },
      { name: `restart → all ${UNFINISHED} accepted again`, value: Math.round(times.reaccepted), unit: 'ms' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
