/**
 * Heap bytes per mint the tracker follows: 100,000 `track()` calls, measured in a child
 * process started with `--expose-gc` (so the heap can be collected before each reading) on
 * the built `@mintkit/core`. The assets are created before the first reading: the engine and
 * the journal own them, the tracker only points at one when `retryFailed` needs it.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BenchEntry } from '../types.js';

const N = 100_000;
const benchDir = fileURLToPath(new URL('..', import.meta.url));

const script = (retry: boolean) => `
import { createTracker, silentLogger, systemClock } from '@mintkit/core';
const assets = Array.from({ length: ${N} }, (_, i) => ({ referenceId: 'ref-' + String(i).padStart(8, '0'), owner: '0x00000000000000000000000000000000000a11ce' }));
const collection = '0x721000000000000000000000000000000000fa4e';
const tracker = createTracker({ clock: systemClock, logger: silentLogger, emit: () => {}, ${retry ? 'retryFailed: { attempts: 2 }, resubmit: async () => {},' : ''} });
globalThis.gc(); globalThis.gc();
const before = process.memoryUsage().heapUsed;
for (const asset of assets) tracker.track({ collection, referenceId: asset.referenceId, asset });
globalThis.gc(); globalThis.gc();
const after = process.memoryUsage().heapUsed;
if (tracker.outstandingCount() !== ${N}) throw new Error('not all tracked');
process.stdout.write(String((after - before) / ${N}));
`;

async function measure(retry: boolean): Promise<number> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--expose-gc', '--input-type=module', '-e', script(retry)],
    { cwd: benchDir },
  );
  return Number(stdout);
}

export const name = 'status tracker memory';

export async function run(): Promise<BenchEntry[]> {
  const plain = await measure(false);
  const retry = await measure(true);
  return [
    {
      name: `heap bytes per tracked mint (${N.toLocaleString('en')} tracked)`,
      value: Math.round(plain),
      unit: 'B/mint',
    },
    {
      name: 'heap bytes per tracked mint, retryFailed on (asset kept)',
      value: Math.round(retry),
      unit: 'B/mint',
      baseline: Math.round(plain),
      ratio: retry / plain,
    },
  ];
}
