import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFakeImmutableApi, FAKE_ERC721_ADDRESS, type FakeImmutableApi } from '@mintkit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProgressDisplay } from '../src/index.js';
import { capture, runCaptured } from './helpers/capture.js';
import { owner, tempDir, writeTrophies } from './helpers/files.js';

let dir: string;
let cleanup: () => Promise<void>;
let fake: FakeImmutableApi;
let server: { url: string; close(): Promise<void> };

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  fake = createFakeImmutableApi({ clock: 'real', latencyMs: null });
  server = await fake.listen({ host: '127.0.0.1', port: 0 });
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

const cli = (...args: string[]) =>
  runCaptured([...args, '--env', server.url, '--api-key-env', 'K'], { K: fake.apiKey });

describe('mintkit status and refresh', () => {
  it('prints a mint request record, and exits 1 for an unknown reference id', async () => {
    const file = join(dir, 'one.jsonl');
    await writeFile(
      file,
      `${JSON.stringify({ reference_id: 'quest-1', owner_address: owner(1), token_id: '9' })}\n`,
    );
    expect((await cli('mint', '--collection', FAKE_ERC721_ADDRESS, '--file', file, '--no-wait')).code).toBe(
      1,
    );
    const pending = await cli('status', '--collection', FAKE_ERC721_ADDRESS, '--reference-id', 'quest-1');
    expect(pending.code).toBe(0);
    expect(JSON.parse(pending.stdout)).toMatchObject({ reference_id: 'quest-1', status: 'pending' });
    await fake.settle();
    const done = await cli('status', '--collection', FAKE_ERC721_ADDRESS, '--reference-id', 'quest-1');
    expect(JSON.parse(done.stdout)).toMatchObject({ status: 'succeeded', token_id: '9' });
    const unknown = await cli('status', '--collection', FAKE_ERC721_ADDRESS, '--reference-id', 'nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no mint request/);
  });

  it('refreshes metadata from a JSONL file and names bad lines', async () => {
    const file = await writeTrophies(dir, 2);
    await cli('mint', '--collection', FAKE_ERC721_ADDRESS, '--file', file, '--no-wait');
    await fake.settle();
    const metadata = join(dir, 'metadata.jsonl');
    await writeFile(
      metadata,
      `${JSON.stringify({ token_id: '1', name: 'Gold Trophy' })}\n{"name":"no id"}\n`,
    );
    const bad = await cli('refresh', '--collection', FAKE_ERC721_ADDRESS, '--file', metadata);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${metadata}:2: token_id: is required`);
    await writeFile(metadata, `${JSON.stringify({ token_id: '1', name: 'Gold Trophy' })}\n`);
    const ok = await cli('refresh', '--collection', FAKE_ERC721_ADDRESS, '--file', metadata);
    expect(ok.stdout).toMatch(/refreshed 1 token\(s\) in 1 request/);
    expect(ok.code).toBe(0);
  });
});

describe('mintkit --fake', () => {
  it('mints a file against an embedded fake without any API key', async () => {
    const file = await writeTrophies(dir, 5);
    const run = await runCaptured(['mint', '--collection', FAKE_ERC721_ADDRESS, '--file', file, '--fake']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/minted now\s+5/);
  });
});

describe('progress display', () => {
  it('prints plain lines when not on a terminal, the last state on stop', () => {
    const out = capture();
    const progress = createProgressDisplay({ stream: out, tty: false, intervalMs: 60_000, label: 'x' });
    const counts = { total: 4, queued: 4, accepted: 0, minted: 0, failed: 0, rateLimitWaits: 0, retries: 0 };
    progress.update(counts);
    progress.update({ ...counts, queued: 0, minted: 3, failed: 1 });
    progress.stop();
    expect(out.text().trim().split('\n')).toEqual([
      'x: 0/4 settled | queued 4 | accepted 0 | minted 0 | failed 0 | rate-limit waits 0 | retries 0',
      'x: 4/4 settled | queued 0 | accepted 0 | minted 3 | failed 1 | rate-limit waits 0 | retries 0',
    ]);
  });

  it('draws a bar with counts on a terminal', () => {
    const out = Object.assign(capture(), {
      isTTY: true,
      columns: 200,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    });
    const progress = createProgressDisplay({ stream: out, label: 'x' });
    progress.update({
      total: 10,
      queued: 5,
      accepted: 3,
      minted: 2,
      failed: 0,
      rateLimitWaits: 1,
      retries: 0,
    });
    progress.stop();
    expect(out.text()).toMatch(/2\/10 \| queued 5 accepted 3 minted 2 failed 0 \| waits 1/);
  });
});
