import type { Budget } from './budget/budget.js';
import type { Journal } from './journal/journal.js';
import type { Minter } from './minter.js';
import type { Clock } from './runtime/clock.js';
import type { Logger } from './runtime/logger.js';
import type { Random } from './runtime/random.js';
import type { PollerSettings } from './tracker/poller.js';
import type { TrackerSettings } from './tracker/tracker.js';
import type { ContractType } from './types.js';
import type { WebhookReceiverOptions } from './webhooks/webhook-receiver.js';

/** A plugin: named, set up once per minter in array order; may return a teardown run by `close()`. */
export interface MintkitPlugin {
  name: string;
  setup(minter: Minter): void | (() => void | Promise<void>);
}

/** Options of `createMinter`. Only `apiKey` is required. */
export interface MinterOptions {
  /**
   * Your secret Immutable Hub API key (sent as `x-immutable-api-key`). It is redacted from
   * every error, event and log line, and never shown by `JSON.stringify(minter)`.
   * @example apiKey: process.env.IMMUTABLE_API_KEY!
   */
  apiKey: string;
  /**
   * Which Immutable environment: `'sandbox'` (testnet), `'production'` (mainnet), or a custom
   * `{ baseUrl, chainName }` (https, or http on a loopback host for a local fake). Plain http to
   * any other host is refused (the API key would travel in clear) unless `allowInsecureHttp: true`.
   * @default 'sandbox'
   * @example environment: { baseUrl: 'http://127.0.0.1:4010', chainName: 'imtbl-zkevm-testnet' }
   */
  environment?:
    | 'sandbox'
    | 'production'
    | { baseUrl: string; chainName: string; allowInsecureHttp?: boolean | undefined }
    | undefined;
  /**
   * Your minting rate-limit tier; seeds the client-side budget (corrected from every
   * response). Standard: 200/min, burst 2,000. Partner: 2,000/min, burst 20,000.
   * @default 'standard'
   * @example tier: { ratePerMinute: 5_000, burst: 50_000 }
   */
  tier?: 'standard' | 'partner' | { ratePerMinute: number; burst: number } | undefined;
  /**
   * Replace the in-process token bucket, e.g. with one shared by several processes using the
   * same key. Mutually exclusive with `tier`.
   * @default a token bucket seeded from `tier`
   * @example budget: myRedisBudget
   */
  budget?: Budget | undefined;
  /**
   * Plugins, set up in array order (their hooks therefore run in that order).
   * @default []
   * @example plugins: [erc1155Inventory()]
   */
  plugins?: MintkitPlugin[] | undefined;
  /**
   * Batching per collection: at most `maxSize` assets per request (API limit 100); a batch
   * waits at most `lingerMs` for more mints.
   * @default { maxSize: 100, lingerMs: 5 }
   * @example batch: { lingerMs: 20 }
   */
  batch?: { maxSize?: number | undefined; lingerMs?: number | undefined } | undefined;
  /**
   * Requests in flight at once.
   * @default 4
   * @example concurrency: 8
   */
  concurrency?: number | undefined;
  /**
   * Retries of 5xx, timeouts and connection resets: exponential backoff with jitter, delay
   * `min(maxMs, baseMs * factor^(n-1))`, half of it randomised. After `attempts` tries the
   * mints fail with `retryable: true` (their `mint()` promises reject).
   * @default { attempts: 12, baseMs: 500, maxMs: 60_000, factor: 2 } (about 5 minutes of backoff)
   * @example retry: { attempts: 10 }
   */
  retry?:
    | {
        attempts?: number | undefined;
        baseMs?: number | undefined;
        maxMs?: number | undefined;
        factor?: number | undefined;
      }
    | undefined;
  /**
   * Per-request timeout (on the injected clock).
   * @default { requestMs: 30_000 }
   * @example timeouts: { requestMs: 10_000 }
   */
  timeouts?: { requestMs?: number | undefined } | undefined;
  /**
   * Size guards of the HTTP layer: a request body over `maxRequestBytes` is refused before
   * it is sent (`ValidationError`), a response body over `maxResponseBytes` is cut off
   * (`NetworkError`) instead of being buffered.
   * @default { maxRequestBytes: 4 MiB, maxResponseBytes: 16 MiB }
   * @example limits: { maxResponseBytes: 1_048_576 }
   */
  limits?: { maxRequestBytes?: number | undefined; maxResponseBytes?: number | undefined } | undefined;
  /**
   * Longest pause after a 429, whatever the server's retry time says.
   * @default { maxPauseMs: 120_000 }
   * @example rateLimit: { maxPauseMs: 60_000 }
   */
  rateLimit?: { maxPauseMs?: number | undefined } | undefined;
  /**
   * Contract standard per collection address. ERC-1155 mints need `tokenId` and `amount`
   * (checked before queueing). For a collection not listed, the first asset decides: with
   * both `tokenId` and `amount` (other than "1") it is ERC-1155, otherwise ERC-721.
   * @default {}
   * @example collections: { '0xabc…': 'ERC1155' }
   */
  collections?: Record<string, ContractType> | undefined;
  /**
   * Where intents are recorded before they are sent. On start, intents never accepted are
   * resubmitted and accepted-unsettled ones are tracked again.
   * Intents are recorded once per batch, when it closes (≤ `lingerMs` after `mint()`), and
   * before it is sent.
   * @default none (nothing survives a restart; `createMemoryJournal()` shares one between minters)
   * @example journal: createSqliteJournal({ path: 'mints.db' })
   */
  journal?: Journal | undefined;
  /**
   * Options for `minter.webhooks.handle` (verification mode, certificate fetcher, topic prefix),
   * passed to the webhook receiver.
   * @default SNS verification for the chosen environment
   * @example webhooks: { mode: 'sns' }
   */
  webhooks?: Omit<WebhookReceiverOptions, 'onMintRequestUpdated' | 'onConfirmation'> | undefined;
  /**
   * Status tracking after acceptance: tracker settings, and the polling fallback that settles
   * mints when webhooks are off or silent (`polling: false` turns it off).
   * @default { polling: {} } (poll with the poller's defaults; no on-chain retry)
   * @example tracking: { retryFailed: { attempts: 2 }, polling: { maxIntervalMs: 60_000 } }
   */
  tracking?: (TrackerSettings & { polling?: PollerSettings | false | undefined }) | undefined;
  /**
   * The fetch used for every request.
   * @default globalThis.fetch
   * @example fetch: fake.fetch
   */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * Time source for linger, backoff, pauses, budget and timeouts.
   * @default the system clock (timers unref'd)
   * @example clock: fake.clock
   */
  clock?: Clock | undefined;
  /**
   * Structured logger (pino, winston and console fit).
   * @default silent
   * @example logger: console
   */
  logger?: Logger | undefined;
  /**
   * Numbers in [0, 1) for backoff jitter; inject a seeded one for reproducible tests.
   * @default Math.random
   * @example random: seededRandom(42)
   */
  random?: Random | undefined;
}
