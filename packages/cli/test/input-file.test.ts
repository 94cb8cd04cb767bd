import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { referenceIdFrom } from '@mintkit/core';
import { describe, expect, it } from 'vitest';
import { readRewardsFile } from '../src/input-file.js';
import { owner, tempDirPerTest } from './helpers/files.js';

const COLLECTION = '0x721000000000000000000000000000000000fa4e';
const dir = tempDirPerTest();

const write = async (name: string, text: string) => {
  const path = join(dir(), name);
  await writeFile(path, text);
  return path;
};

describe('readRewardsFile', () => {
  it('reports every bad JSONL line with its line number', async () => {
    const path = await write(
      'r.jsonl',
      [
        JSON.stringify({ owner_address: owner(1), token_id: '1' }),
        '{not json',
        JSON.stringify({ owner_address: 'nope', token_id: '2' }),
        '',
        JSON.stringify({ owner_address: owner(4), token_id: '-3' }),
        JSON.stringify({ owner_address: owner(5), token_id: '5' }),
      ].join('\n'),
    );
    const file = await readRewardsFile(path, { collection: COLLECTION });
    expect(file.rows.map((r) => r.line)).toEqual([1, 6]);
    expect(file.problems.map((p) => p.line)).toEqual([2, 3, 5]);
    expect(file.problems[1]?.message).toMatch(/owner/);
    expect(file.problems[2]?.message).toMatch(/tokenId/);
  });

  it('derives the same reference id from the same line on every run, and flags repeated lines', async () => {
    const line = JSON.stringify({ owner_address: owner(1), token_id: '7' });
    const path = await write('r.jsonl', `${line}\n${line}\n`);
    const a = await readRewardsFile(path, { collection: COLLECTION });
    const b = await readRewardsFile(path, { collection: COLLECTION });
    expect(a.rows).toHaveLength(1);
    expect(a.rows[0]?.asset.referenceId).toBe(b.rows[0]?.asset.referenceId);
    expect(a.rows[0]?.asset.referenceId).toMatch(/^mk-[0-9a-f]{32}$/);
    expect(a.problems).toEqual([{ line: 2, message: expect.stringMatching(/same reward as line 1/) }]);
    const other = await readRewardsFile(path, { collection: '0x1155000000000000000000000000000000000fa4' });
    expect(other.rows[0]?.asset.referenceId).not.toBe(a.rows[0]?.asset.referenceId);
  });

  it('keeps a given reference_id', async () => {
    const path = await write('r.jsonl', JSON.stringify({ reference_id: 'quest-9', owner: owner(1) }));
    const file = await readRewardsFile(path, { collection: COLLECTION });
    expect(file.rows[0]?.asset.referenceId).toBe('quest-9');
    expect(file.rows[0]?.asset.referenceId).not.toBe(referenceIdFrom('quest-9'));
  });

  it('reads CSV with JSON or flat metadata columns and checks ERC-1155 fields', async () => {
    const path = await write(
      'r.csv',
      [
        'owner_address,token_id,amount,name,image',
        `${owner(1)},1,3,Potion,https://x/1.png`,
        `${owner(2)},1,,Potion,https://x/1.png`,
        `${owner(3)},2,1,Shield,`,
      ].join('\n'),
    );
    const file = await readRewardsFile(path, { collection: COLLECTION });
    expect(file.contractType).toBe('ERC1155');
    expect(file.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(file.rows[0]?.asset).toMatchObject({ tokenId: '1', amount: '3', metadata: { name: 'Potion' } });
    expect(file.problems).toEqual([{ line: 3, message: expect.stringMatching(/amount/) }]);
  });
});
