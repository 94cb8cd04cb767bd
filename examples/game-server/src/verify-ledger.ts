import type { FakeImmutableApi } from '@mintkit/testing';
import { collectionOf, type Reward } from './game.js';

/**
 * Compares what the fake API holds with what the game handed out: each reward minted exactly
 * once, to the right player. Returns the problems found (empty = all good).
 */
export function verifyLedger(fake: FakeImmutableApi, rewards: Reward[]): string[] {
  const problems: string[] = [];
  try {
    fake.assertNoDuplicateMints();
  } catch (error) {
    problems.push(`double mint: ${(error as Error).message}`);
  }
  const records = new Map<string, { status: string; owner: string; count: number }>();
  for (const r of fake.mintRequests()) {
    const key = `${r.collection}\n${r.referenceId}`;
    const seen = records.get(key);
    records.set(key, { status: r.status, owner: r.ownerAddress, count: (seen?.count ?? 0) + 1 });
  }
  let lost = 0;
  for (const reward of rewards) {
    const match = records.get(`${collectionOf(reward)}\n${reward.asset.referenceId}`);
    if (match?.status !== 'succeeded') {
      lost++;
      continue;
    }
    if (match.owner.toLowerCase() !== reward.asset.owner.toLowerCase())
      problems.push(`reward ${reward.asset.referenceId} went to ${match.owner}, not ${reward.asset.owner}`);
    else if (match.count > 1)
      problems.push(`reward ${reward.asset.referenceId} was minted ${match.count} times`);
  }
  if (lost > 0) problems.push(`${lost} reward(s) not minted (lost or failed)`);
  if (records.size > rewards.length)
    problems.push(`the API holds ${records.size} mint requests for ${rewards.length} rewards`);
  return problems;
}
