import { createHash } from 'node:crypto';
import { type MintAssetInput, type NftMetadata, referenceIdFrom, seededRandom } from '@mintkit/core';
import { FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS } from '@mintkit/testing';

/** One reward the game server hands out at the end of a match. */
export interface Reward {
  kind: 'trophy' | 'item';
  matchId: number;
  playerId: string;
  asset: MintAssetInput;
}

/** Trophies are ERC-721 tokens, items ERC-1155 (the fake's two default collections). */
export const collectionOf = (reward: Reward): string =>
  reward.kind === 'trophy' ? FAKE_ERC721_ADDRESS : FAKE_ERC1155_ADDRESS;

/** ERC-1155 items: a handful of token_ids shared by every player, so most mints re-mint an existing token. */
export const ITEMS = [
  { tokenId: '1', name: 'Health Potion', rarity: 'common' },
  { tokenId: '2', name: 'Gold Coin', rarity: 'common' },
  { tokenId: '3', name: 'Iron Shield', rarity: 'uncommon' },
  { tokenId: '4', name: 'Dragon Scale', rarity: 'rare' },
  { tokenId: '5', name: 'Phoenix Feather', rarity: 'legendary' },
] as const;

export interface GameOptions {
  players: number;
  /** Players per match. @default 4 */
  matchSize?: number | undefined;
  /** Seed of every random choice, so two runs with the same seed hand out the same rewards. */
  seed: number;
}

/** A wallet address derived from the player id (the demo has no real wallets). */
export const walletOf = (playerId: string): string =>
  `0x${createHash('sha256').update(`wallet:${playerId}`).digest('hex').slice(0, 40)}`;

const itemMetadata = (item: (typeof ITEMS)[number]): NftMetadata => ({
  name: item.name,
  description: `A ${item.rarity} item from the mintkit demo arena.`,
  image: `https://example.com/items/${item.tokenId}.png`,
  attributes: [{ trait_type: 'Rarity', value: item.rarity }],
});

/**
 * Plays `players` players through matches of `matchSize`: every player plays one match; the
 * winner of each match earns an ERC-721 trophy, every player earns one or two ERC-1155 items.
 * Reference ids come from (match, player, reward), so replaying a match can never mint twice.
 */
export function playMatches(options: GameOptions): Reward[] {
  const matchSize = options.matchSize ?? 4;
  // Seeded: the demo must be reproducible.
  const random = seededRandom(options.seed);
  const rewards: Reward[] = [];
  const players = Array.from(
    { length: options.players },
    (_, i) => `player-${String(i + 1).padStart(4, '0')}`,
  );
  for (let start = 0, matchId = 1; start < players.length; start += matchSize, matchId++) {
    const lineup = players.slice(start, start + matchSize);
    const winner = lineup[Math.floor(random() * lineup.length)] as string;
    rewards.push({
      kind: 'trophy',
      matchId,
      playerId: winner,
      asset: {
        referenceId: referenceIdFrom('demo', 'trophy', matchId, winner),
        owner: walletOf(winner),
        tokenId: String(matchId),
        metadata: {
          name: `Arena Trophy #${matchId}`,
          description: `Won by ${winner} in match ${matchId}.`,
          image: 'https://example.com/trophy.png',
          attributes: [{ trait_type: 'Match', value: matchId }],
        },
      },
    });
    for (const playerId of lineup) {
      const drops = random() < 0.3 ? 2 : 1;
      for (let d = 0; d < drops; d++) {
        // Rarer items drop less often.
        const roll = random();
        const item = ITEMS[roll < 0.4 ? 0 : roll < 0.7 ? 1 : roll < 0.88 ? 2 : roll < 0.97 ? 3 : 4];
        rewards.push({
          kind: 'item',
          matchId,
          playerId,
          asset: {
            referenceId: referenceIdFrom('demo', 'item', matchId, playerId, d),
            owner: walletOf(playerId),
            tokenId: item.tokenId,
            amount: String(1 + Math.floor(random() * 3)),
            metadata: itemMetadata(item),
          },
        });
      }
    }
  }
  return rewards;
}
