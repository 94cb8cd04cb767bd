import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Registers cleanup and returns `tempPath(name)`: a path inside a directory made for the
 * current test and removed after it.
 */
export function useTempDir(): (name?: string) => string {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return (name = 'mintkit.sqlite') => {
    dir ??= mkdtempSync(join(tmpdir(), 'mintkit-sqlite-'));
    return join(dir, name);
  };
}
