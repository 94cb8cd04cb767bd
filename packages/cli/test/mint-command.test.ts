import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  createFakeImmutableApi,
  FAKE_ERC721_ADDRESS,
  FAKE_ERC1155_ADDRESS,
  type FakeImmutableApi,
} from '@mintkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failuresFilePath, stateFilePath } from '../src/index.js';
import { runCaptured } from './helpers/capture.js';
import { owner, tempDir, writeTrophies } from './helpers/files.js';

let dir: string;
let cleanup: () => Promise<void>;
let fake: FakeImmutableApi;
let server: { url: string; close(): Promise<void> };

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  fake = createFakeImmutableApi({ clock: 'real', latencyMs: 20 });
  server = await fake.listen({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

const mint = (file: string, ...extra: string[]) => mintTo(FAKE_ERC721_ADDRESS, file, ...extra);

const mintTo = (collection: string, file: string, ...extra: string[]) =>
  runCaptured(
    [
      'mint',
      '--collection',
      collection,
      '--file',
      file,
      '--env',
      server.url,
      '--api-key-env',
      'GAME_KEY',
      ...extra,
    ],
    { GAME_KEY: fake.apiKey },
  );

describe('mintkit mint', () => {
  it('mints nothing while the file has invalid lines, and names each one', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ owner_address: owner(1), token_id: '1' }),
        JSON.stringify({ owner_address: '0x123', token_id: '2' }),
        'oops',
      ].join('\n'),
    );
    const run = await mint(file);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file}:2: asset.owner`);
    expect(run.stderr).toContain(`${file}:3: is not valid JSON`);
    expect(run.stderr).toMatch(/nothing was minted/);
    expect(fake.requests).toHaveLength(0);
  });

  it('with --skip-invalid mints the valid lines and lists the others in the failures file', async () => {
    const file = join(dir, 'mixed.jsonl');
    await writeFile(
      file,
      [
        JSON.stringify({ owner_address: owner(1), token_id: '1' }),
        JSON.stringify({ owner_address: '0x123', token_id: '2' }),
        JSON.stringify({ owner_address: owner(3), token_id: '3' }),
      ].join('\n'),
    );
    const run = await mint(file, '--skip-invalid', '--no-wait');
    expect(fake.mintRequests().map((r) => r.tokenId)).toEqual(['1', '3']);
    expect(run.code).toBe(1);
    const failures = (await readFile(failuresFilePath(file), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(failures).toEqual([expect.objectContaining({ line: 2, stage: 'invalid' })]);
  });

  it('records acceptances in the state file; a re-run sends nothing twice', async () => {
    const file = await writeTrophies(dir, 150);
    const first = await mint(file, '--no-wait');
    expect(first.stdout).toMatch(/still pending\s+150/);
    const state = await readFile(stateFilePath(file), 'utf8');
    expect(state.match(/"type":"accepted"/g)?.length).toBeGreaterThanOrEqual(1);

    const second = await mint(file, '--no-wait');
    expect(second.stdout).toMatch(/failed\s+0/);
    expect(fake.mintRequests()).toHaveLength(150);
    fake.assertNoDuplicateMints();
  });

  it('waits for every mint to settle, then a re-run skips them all', async () => {
    const file = await writeTrophies(dir, 20);
    const first = await mint(file);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/minted now\s+20/);
    const requests = fake.requests.length;
    const second = await mint(file);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/already minted earlier\s+20/);
    expect(fake.requests.length).toBe(requests);
  });

  it('mints an ERC-1155 CSV with metadata on the first mint of each token only', async () => {
    const file = join(dir, 'items.csv');
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${owner(i + 1)},${(i % 3) + 1},2,Item ${(i % 3) + 1},`,
    );
    await writeFile(file, ['owner_address,token_id,amount,name,image', ...rows].join('\n'));
    const run = await mintTo(FAKE_ERC1155_ADDRESS, file, '--no-wait');
    expect(run.stderr).not.toMatch(/CONFLICT/);
    const records = fake.mintRequests({ collection: FAKE_ERC1155_ADDRESS });
    expect(records).toHaveLength(30);
    expect(records.filter((r) => r.metadata !== null)).toHaveLength(3);
    expect(fake.requests.filter((r) => r.status === 409)).toHaveLength(0);
  });

  it('reads the key only from the named variable and never prints it', async () => {
    const file = await writeTrophies(dir, 3);
    const missing = await runCaptured([
      'mint',
      '--collection',
      FAKE_ERC721_ADDRESS,
      '--file',
      file,
      '--env',
      server.url,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/IMMUTABLE_API_KEY/);
    const run = await mint(file, '--no-wait');
    expect(`${run.stdout}${run.stderr}`).not.toContain(fake.apiKey);
  });

  it('refuses a bad collection address with exit code 2', async () => {
    const file = await writeTrophies(dir, 1);
    const run = await runCaptured(['mint', '--collection', '0xnope', '--file', file, '--fake']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--collection/);
  });
});
