import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStateFile, StateFileMismatchError } from '../src/state-file.js';
import { tempDirPerTest } from './helpers/files.js';

const COLLECTION = '0x721000000000000000000000000000000000fa4e';
const dir = tempDirPerTest();

describe('state file', () => {
  it('remembers acceptances and outcomes across runs, ignoring a line cut short by a crash', async () => {
    const path = join(dir(), 'r.jsonl.mintkit-state.jsonl');
    const first = await openStateFile(path, { collection: COLLECTION });
    first.markAccepted(['a', 'b', 'c']);
    first.markSettled('a', 'succeeded');
    first.markSettled('b', 'failed');
    await first.close();
    await appendFile(path, '{"type":"settled","ref":"c","sta');

    const second = await openStateFile(path, { collection: COLLECTION });
    expect([second.get('a'), second.get('b'), second.get('c'), second.get('d')]).toEqual([
      'succeeded',
      'failed',
      'accepted',
      undefined,
    ]);
    second.markAccepted(['a', 'd']);
    await second.close();
    const text = await readFile(path, 'utf8');
    // 'a' is already settled: only 'd' is newly accepted.
    expect(text).toContain('{"type":"accepted","refs":["d"]}');
  });

  it('refuses a state file written for another collection', async () => {
    const path = join(dir(), 's.jsonl');
    await (await openStateFile(path, { collection: COLLECTION })).close();
    await expect(
      openStateFile(path, { collection: '0x1155000000000000000000000000000000000fa4' }),
    ).rejects.toBeInstanceOf(StateFileMismatchError);
  });
});
