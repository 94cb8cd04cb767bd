import { createHash } from 'node:crypto';

/**
 * A deterministic `referenceId` from the fields of a game event: the same event always gives
 * the same id, so a retried or replayed event cannot mint twice (the API answers 409, which
 * mintkit treats as "already accepted"). Never use a random id for this.
 *
 * The parts are JSON-encoded before hashing, so `('a', 'bc')` and `('ab', 'c')` differ.
 * Result: `mk-` + the first 32 hex characters (128 bits) of the SHA-256.
 *
 * @example referenceIdFrom('quest-reward', playerId, questId, 3) // 'mk-5f0c…'
 */
export function referenceIdFrom(...parts: Array<string | number | bigint | boolean>): string {
  if (parts.length === 0) throw new TypeError('referenceIdFrom needs at least one part');
  const encoded = JSON.stringify(parts.map((p) => (typeof p === 'bigint' ? { bigint: p.toString() } : p)));
  return `mk-${createHash('sha256').update(encoded).digest('hex').slice(0, 32)}`;
}
