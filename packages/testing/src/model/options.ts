import { z } from 'zod';
import type { ManualClock } from '../clock/manual-clock.js';
import { createManualClock } from '../clock/manual-clock.js';
import { realClock } from '../clock/real-clock.js';
import { DEFAULT_BEHAVIOUR, type FakeBehaviour } from './behaviour.js';
import {
  type Environment,
  EXCEEDED_SUBMISSIONS_MESSAGE,
  FAKE_API_KEY,
  FAKE_ERC721_ADDRESS,
  FAKE_ERC1155_ADDRESS,
  TIERS,
} from './constants.js';

const tierSchema = z.union([
  z.enum(['standard', 'partner']),
  z.object({ ratePerMinute: z.number().positive(), burst: z.number().int().positive() }),
]);
/** A rate-limit tier: a documented name or a custom rate per minute and burst. */
export type Tier = z.infer<typeof tierSchema>;

const addressSchema = z
  .string()
  .regex(/^0x[0-9a-fA-F]{40}$/, 'a collection address is 0x + 40 hex digits')
  .transform((a) => a.toLowerCase());

const apiKeySchema = z.object({
  key: z.string().min(1),
  project: z.string().min(1).optional(),
  tier: tierSchema.optional(),
  environment: z.enum(['sandbox', 'production']).optional(),
});
/** An API key the fake accepts. Keys of one `project` share one mint budget. */
export type FakeApiKey = z.input<typeof apiKeySchema>;

const collectionSchema = z.object({
  address: addressSchema,
  type: z.enum(['ERC721', 'ERC1155']),
  apiKeys: z.array(z.string()).optional(),
});
/** A collection the fake knows; `apiKeys` limits which keys may mint (default: every key). */
export type FakeCollection = z.input<typeof collectionSchema>;

const behaviourSchema = z
  .object({
    duplicateReferenceIdInRequest: z.union([z.literal(400), z.literal(409)]),
    unknownReferenceId: z.enum(['empty-list', '404']),
    resubmitPending: z.union([z.literal(409), z.literal(202)]),
    erc721TokenIdReuse: z.union([z.literal(409), z.literal(400)]),
    erc1155MetadataOnExisting: z.enum(['conflict', 'ignore']),
    metadataConflictDetailsId: z.string().min(1),
    validateAddresses: z.boolean(),
    unknownMetadataKeys: z.enum(['drop', 'reject']),
    rateLimitValueFormat: z.enum(['docs', 'rfc3339']),
    unknownCollection: z.union([z.literal(404), z.literal(403)]),
    chainMismatch: z.union([z.literal(401), z.literal(403), z.literal(404)]),
    refreshCost: z.enum(['per-item', 'per-request']),
    strictMetadata: z.boolean(),
    echoTokenIdWhilePending: z.boolean(),
    refreshUnknownTokenId: z.enum(['ignore', '404']),
    refreshUnknownMetadataId: z.enum(['ignore', '404']),
    mintEventAmount: z.enum(['number', 'string']),
  })
  .partial();

// Compile-time guard: the schema and FakeBehaviour must name the same switches.
type SchemaKeys = keyof z.infer<typeof behaviourSchema>;
type SameKeys = [SchemaKeys] extends [keyof FakeBehaviour]
  ? [keyof FakeBehaviour] extends [SchemaKeys]
    ? true
    : never
  : never;
export const behaviourSchemaMatchesType: SameKeys = true;

const isManualClock = (c: unknown): c is ManualClock =>
  typeof c === 'object' &&
  c !== null &&
  ['now', 'setTimeout', 'clearTimeout', 'advance', 'runAll', 'pending'].every(
    (k) => typeof (c as Record<string, unknown>)[k] === 'function',
  );

const optionsSchema = z.object({
  environment: z.enum(['sandbox', 'production']).default('sandbox'),
  apiKeys: z.array(apiKeySchema).min(1).optional(),
  tier: tierSchema.default('standard'),
  collections: z.array(collectionSchema).optional(),
  clock: z
    .union([z.literal('real'), z.custom<ManualClock>(isManualClock, 'clock must be a ManualClock')])
    .optional(),
  latencyMs: z.number().nonnegative().nullable().default(2000),
  failures: z
    .object({ rate: z.number().min(0).max(1).optional(), message: z.string().min(1).optional() })
    .default({}),
  seed: z.number().int().default(1),
  refreshLimitPerHour: z.number().int().positive().default(10_000),
  behaviour: behaviourSchema.default({}),
});

/** Options of the API model (and of `createFakeImmutableApi`). */
export interface ApiModelOptions {
  /** Which Immutable environment the fake plays. @default 'sandbox' */
  environment?: Environment | undefined;
  /**
   * Keys the fake accepts, each with its project (budget scope) and tier.
   * @default [{ key: FAKE_API_KEY, project: 'default', tier: options.tier }]
   * @example [{ key: 'sk_a', project: 'game-a', tier: 'partner' }]
   */
  apiKeys?: FakeApiKey[] | undefined;
  /** Tier of keys that name none. @default 'standard' (200 per minute, burst 2,000) */
  tier?: Tier | undefined;
  /**
   * Collections the fake knows.
   * @default [{ address: FAKE_ERC721_ADDRESS, type: 'ERC721' }, { address: FAKE_ERC1155_ADDRESS, type: 'ERC1155' }]
   */
  collections?: FakeCollection[] | undefined;
  /** Time source; `'real'` runs on the host clock. @default createManualClock() */
  clock?: ManualClock | 'real' | undefined;
  /** Pending mints settle by themselves after this many ms; `null` = only `settle()`. @default 2000 */
  latencyMs?: number | null | undefined;
  /**
   * Random on-chain failures at settle time.
   * @default { rate: 0, message: 'Exceeded maximum submissions' }
   * @example { rate: 0.05 }
   */
  failures?: { rate?: number | undefined; message?: string | undefined } | undefined;
  /** Seed of every random choice (ids, hashes, failures). @default 1 */
  seed?: number | undefined;
  /** Hourly metadata-refresh quota of a project (unverified number). @default 10000 */
  refreshLimitPerHour?: number | undefined;
  /** Switches for every unverified behaviour. @default DEFAULT_BEHAVIOUR */
  behaviour?: Partial<FakeBehaviour> | undefined;
}

export interface ResolvedApiKey {
  key: string;
  project: string;
  tier: { ratePerMinute: number; burst: number };
  environment: Environment;
}
export interface ResolvedCollection {
  address: string;
  type: 'ERC721' | 'ERC1155';
  apiKeys: ReadonlySet<string> | null;
}

export interface ResolvedOptions {
  environment: Environment;
  apiKeys: ResolvedApiKey[];
  collections: ResolvedCollection[];
  clock: ManualClock;
  latencyMs: number | null;
  failureRate: number;
  failureMessage: string;
  seed: number;
  refreshLimitPerHour: number;
  behaviour: FakeBehaviour;
}

export const resolveTier = (tier: Tier): { ratePerMinute: number; burst: number } =>
  typeof tier === 'string' ? { ...TIERS[tier] } : { ...tier };

export function resolveApiKey(
  k: FakeApiKey,
  defaults: { tier: Tier; environment: Environment },
): ResolvedApiKey {
  const parsed = apiKeySchema.parse(k);
  return {
    key: parsed.key,
    project: parsed.project ?? 'default',
    tier: resolveTier(parsed.tier ?? defaults.tier),
    environment: parsed.environment ?? defaults.environment,
  };
}

export function resolveCollection(c: FakeCollection): ResolvedCollection {
  const parsed = collectionSchema.parse(c);
  return {
    address: parsed.address,
    type: parsed.type,
    apiKeys: parsed.apiKeys ? new Set(parsed.apiKeys) : null,
  };
}

/** Validates options once (zod) and fills in every default. */
export function resolveOptions(input: ApiModelOptions = {}): ResolvedOptions {
  const o = optionsSchema.parse(input);
  const defaults = { tier: o.tier, environment: o.environment };
  const behaviour = { ...DEFAULT_BEHAVIOUR } as FakeBehaviour;
  for (const [k, v] of Object.entries(o.behaviour)) if (v !== undefined) Object.assign(behaviour, { [k]: v });
  return {
    environment: o.environment,
    apiKeys: (o.apiKeys ?? [{ key: FAKE_API_KEY }]).map((k) => resolveApiKey(k, defaults)),
    collections: (
      o.collections ?? [
        { address: FAKE_ERC721_ADDRESS, type: 'ERC721' as const },
        { address: FAKE_ERC1155_ADDRESS, type: 'ERC1155' as const },
      ]
    ).map(resolveCollection),
    clock: o.clock === 'real' ? realClock() : (o.clock ?? createManualClock()),
    latencyMs: o.latencyMs,
    failureRate: o.failures.rate ?? 0,
    failureMessage: o.failures.message ?? EXCEEDED_SUBMISSIONS_MESSAGE,
    seed: o.seed,
    refreshLimitPerHour: o.refreshLimitPerHour,
    behaviour,
  };
}
