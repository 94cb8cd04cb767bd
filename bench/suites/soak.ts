/**
 * The soak at full size (packages/core/test/reliability-soak.test.ts runs 2,000): 50,000
 * mixed ERC-721 / ERC-1155 mints, the inventory plugin on, against the in-process fake on
 * its manual clock with seeded random faults — 10% 5xx, 3% connection resets, 2% hangs past
 * the 5 s timeout, 429 storms, 30% of 5xx/resets after the server accepted the mint — and
 * webhooks that drop 10%, duplicate 10% and reorder, with polling as the fallback. Fails
 * unless every mint succeeded exactly once and the budget was never exceeded. Reports the
 * tallies and the wall time.
 */
import { createMinter, type MinterOptions } from '@mintkit/core';
import { erc1155Inventory } from '@mintkit/erc1155-inventory';
import { runSoak } from '../../packages/core/test/helpers/reliability-soak.js';
import type { BenchEntry } from '../types.js';

const MINTS = 50_000;
const SEED = 2026;

export const name = 'soak: 50,000 mints under seeded faults (manual clock)';

export async function run(): Promise<BenchEntry[]> {
  const inventory = erc1155Inventory();
  const r = await runSoak({
    mints: MINTS,
    seed: SEED,
    plugins: [inventory],
    createMinter: (o) =>
      createMinter(o as MinterOptions) as unknown as ReturnType<
        NonNullable<Parameters<typeof runSoak>[0]['createMinter']>
      >,
  });
  const f = r.figures;
  r.fake.assertNoDuplicateMints();
  const budget = r.fake.assertBudgetNeverExceeded();
  const failures: string[] = [];
  if (f.succeeded !== MINTS) failures.push(`${f.succeeded}/${MINTS} succeeded`);
  if (r.rejected.length > 0)
    failures.push(`${r.rejected.length} mint() rejections: ${String(r.rejected[0])}`);
  if (r.events.get('minted') !== MINTS) failures.push(`minted fired ${r.events.get('minted')} times`);
  if (r.fake.mintRequests({ status: 'succeeded' }).length !== MINTS) failures.push('fake count differs');
  if (failures.length > 0) throw new Error(`soak failed: ${failures.join('; ')}`);

  const entry = (name: string, value: number, unit: string, notes?: string): BenchEntry =>
    notes === undefined ? { name, value, unit } : { name, value, unit, notes };
  return [
    entry(
      'mints succeeded (exactly once, budget never exceeded)',
      f.succeeded,
      'mints',
      `of ${MINTS}; ERC-721 ${f.erc721}, ERC-1155 ${f.erc1155}`,
    ),
    entry('wall time', f.wallMs / 1000, 's'),
    entry(
      'fake time until every mint was accepted',
      f.acceptedAfterMs / 60_000,
      'min',
      'manual clock, partner tier',
    ),
    entry(
      'fake time until every mint settled',
      f.fakeTimeMs / 60_000,
      'min',
      'the dropped webhooks are found by polling, whose reads meet the same faults and 429 storms',
    ),
    entry('HTTP requests sent', f.requests, 'requests'),
    entry('faults injected (5xx, resets, hangs, 429s)', f.faultsInjected, 'requests'),
    entry('of them after the server accepted', f.afterProcessingFaults, 'requests'),
    entry('retries', f.retries, 'retries'),
    entry('429s seen', f.rateLimited, 'responses'),
    entry('rate-limit pauses', f.pauses, 'pauses'),
    entry('409 reference_id recoveries (already accepted)', f.conflictsReferenceId, 'conflicts'),
    entry(
      'webhooks delivered / dropped',
      f.webhooksDelivered,
      'deliveries',
      `${f.webhooksDropped} dropped, ${f.webhookDuplicatesSeen} duplicates recognised`,
    ),
    entry('inventory: metadata dropped from re-mints', inventory.stats().metadataDropped, 'assets'),
    entry(
      'budget: peak units drawn from the burst',
      Math.max(0, ...Object.values(budget.peak)),
      'units',
      `${budget.charges} charges, none overdrawn`,
    ),
  ];
}
