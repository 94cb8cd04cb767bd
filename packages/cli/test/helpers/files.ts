import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** A fresh temporary folder, removed by the returned `cleanup`. */
export async function tempDir(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mintkit-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A fresh temporary folder for each test of the calling file (made in `beforeEach`, removed in
 * `afterEach`). Call it at module level; the returned function names the current test's folder.
 */
export function tempDirPerTest(): () => string {
  let current: { dir: string; cleanup(): Promise<void> } | undefined;
  beforeEach(async () => {
    current = await tempDir();
  });
  afterEach(() => current?.cleanup());
  return () => {
    if (!current) throw new Error('tempDirPerTest: no test is running');
    return current.dir;
  };
}

export const owner = (i: number): string => `0x${i.toString(16).padStart(40, '0')}`;

/** Writes `count` ERC-721 rewards (one JSON object a line) and returns the path. */
export async function writeTrophies(dir: string, count: number, name = 'rewards.jsonl'): Promise<string> {
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      owner_address: owner(i + 1),
      token_id: String(i + 1),
      metadata: { name: `Trophy ${i + 1}` },
    }),
  );
  const path = join(dir, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}
