/** A value, or a promise of it: every store method may be synchronous or asynchronous. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * What the plugin needs to remember about ERC-1155 token_ids, per collection. Small on
 * purpose, so a durable (SQLite) or shared (Redis, Postgres) store can implement it: four
 * methods, string keys, no metadata (the metadata itself stays in the minter's process).
 *
 * @example
 * ```ts
 * // A shared store: `claim` must be atomic across processes (SET NX, INSERT ... ON CONFLICT).
 * const store: InventoryStore = {
 *   has: (c, t) => redis.sismember(`exists:${c}`, t).then(Boolean),
 *   add: (c, t) => redis.sadd(`exists:${c}`, t).then(() => {}),
 *   claim: async (c, t, owner) => {
 *     if (await redis.sismember(`exists:${c}`, t)) return false;
 *     const set = await redis.set(`claim:${c}:${t}`, owner, 'NX');
 *     return set === 'OK' || (await redis.get(`claim:${c}:${t}`)) === owner;
 *   },
 *   release: async (c, t, owner) => { ... delete the claim if it is still `owner`'s ... },
 * };
 * ```
 */
export interface InventoryStore {
  /** True when the token_id is known to exist (minted, or pending on chain) in the collection. */
  has(collection: string, tokenId: string): MaybePromise<boolean>;
  /** Records that the token_id exists. Idempotent. Any claim on it becomes moot. */
  add(collection: string, tokenId: string): MaybePromise<void>;
  /**
   * Claims the right to send the token's metadata for `owner` (a mint's reference_id).
   * Returns true when the token does not exist and nobody else holds the claim — or `owner`
   * already holds it (a retried request keeps its metadata). Must be atomic in a shared store.
   */
  claim(collection: string, tokenId: string, owner: string): MaybePromise<boolean>;
  /** Gives the claim back when `owner` still holds it (its mint failed); otherwise does nothing. */
  release(collection: string, tokenId: string, owner: string): MaybePromise<void>;
}

/**
 * The default store: two maps in memory. Knowledge is per process and lost on restart; a
 * warm-up or the 409 self-healing fills it again.
 */
export function createMemoryInventoryStore(): InventoryStore {
  const existing = new Map<string, Set<string>>();
  const claims = new Map<string, Map<string, string>>();
  const claimsOf = (collection: string) => {
    let map = claims.get(collection);
    if (!map) {
      map = new Map();
      claims.set(collection, map);
    }
    return map;
  };
  const has = (collection: string, tokenId: string) => existing.get(collection)?.has(tokenId) ?? false;
  return {
    has,
    add(collection, tokenId) {
      let set = existing.get(collection);
      if (!set) {
        set = new Set();
        existing.set(collection, set);
      }
      set.add(tokenId);
      claims.get(collection)?.delete(tokenId);
    },
    claim(collection, tokenId, owner) {
      if (has(collection, tokenId)) return false;
      const map = claimsOf(collection);
      const holder = map.get(tokenId);
      if (holder === undefined) {
        map.set(tokenId, owner);
        return true;
      }
      return holder === owner;
    },
    release(collection, tokenId, owner) {
      const map = claims.get(collection);
      if (map?.get(tokenId) === owner) map.delete(tokenId);
    },
  };
}

/** @internal The store seen with collections lower-cased, so '0xAb…' and '0xab…' are one collection. */
export function lowerCased(store: InventoryStore): InventoryStore {
  return {
    has: (c, t) => store.has(c.toLowerCase(), t),
    add: (c, t) => store.add(c.toLowerCase(), t),
    claim: (c, t, owner) => store.claim(c.toLowerCase(), t, owner),
    release: (c, t, owner) => store.release(c.toLowerCase(), t, owner),
  };
}
