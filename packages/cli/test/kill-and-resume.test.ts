import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS, type FakeImmutableApi } from '@mintkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stateFilePath } from '../src/index.js';
import { tempDir, writeTrophies } from './helpers/files.js';
import { exited, spawnCli } from './helpers/spawn-cli.js';

let dir: string;
let cleanup: () => Promise<void>;
let fake: FakeImmutableApi;
let server: { url: string; close(): Promise<void> };
// 3,000 tokens a minute with a burst of 100: 300 rewards take about 4 s, so there is time to kill.
const TIER = { ratePerMinute: 3_000, burst: 100 };

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  fake = createFakeImmutableApi({ clock: 'real', latencyMs: 20, tier: TIER });
  server = await fake.listen({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

/** Resolves once the state file records a first acceptance (fs.watch: no polling, no sleep). */
function firstAcceptance(path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = async () => {
      const text = await readFile(path, 'utf8').catch(() => '');
      if (text.includes('"type":"accepted"')) {
        watcher.close();
        resolve();
      }
    };
    const watcher = watch(dirname(path), () => {
      check().catch(reject);
    });
    check().catch(reject); // in case it was written before the watcher started
  });
}

describe('mintkit mint, killed and re-run', () => {
  it('continues where it stopped and the API holds each reward exactly once', async () => {
    const file = await writeTrophies(dir, 300);
    const args = [
      'mint',
      '--collection',
      FAKE_ERC721_ADDRESS,
      '--file',
      file,
      '--env',
      server.url,
      '--api-key-env',
      'GAME_KEY',
      '--tier',
      `${TIER.ratePerMinute}/${TIER.burst}`,
    ];
    const env = { GAME_KEY: fake.apiKey };

    const first = spawnCli(args, env);
    const firstRun = exited(first);
    await firstAcceptance(stateFilePath(file));
    first.kill('SIGKILL');
    const killed = await firstRun;
    expect(killed.signal).toBe('SIGKILL');
    const acceptedBeforeKill = fake.mintRequests().length;
    expect(acceptedBeforeKill).toBeGreaterThan(0);
    expect(acceptedBeforeKill).toBeLessThan(300);

    const second = await exited(spawnCli(args, env));
    expect(second.stderr).not.toContain(fake.apiKey);
    expect(second.stdout).not.toContain(fake.apiKey);
    expect(second.code).toBe(0);

    fake.assertNoDuplicateMints();
    const records = fake.mintRequests({ collection: FAKE_ERC721_ADDRESS });
    expect(records).toHaveLength(300);
    expect(new Set(records.map((r) => r.tokenId)).size).toBe(300);
    expect(records.every((r) => r.status === 'succeeded')).toBe(true);

    // A third run finds everything done and sends no mint request.
    const before = fake.requests.filter((r) => r.method === 'POST').length;
    const third = await exited(spawnCli(args, env));
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(/already minted earlier\s+300/);
    expect(fake.requests.filter((r) => r.method === 'POST').length).toBe(before);
  }, 60_000);
});
