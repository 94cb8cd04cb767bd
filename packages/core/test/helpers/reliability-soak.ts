import {
  createFakeImmutableApi,
  FAKE_ERC721_ADDRESS,
  FAKE_ERC1155_ADDRESS,
  type FakeImmutableApi,
} from '@mintkit/testing';
import {
  createMinter as createMinterFromSource,
  type Journal,
  type Logger,
  type Minter,
  type MinterEventName,
  type MinterEvents,
  type MintkitPlugin,
  type MintOutcome,
  seededRandom,
} from '../../src/index.js';
import { MINTER_EVENT_NAMES } from './minter-events.js';

type CreateMinter = (options: Parameters<typeof createMinterFromSource>[0]) => Minter;

/**
 * The soak: many ERC-721 and ERC-1155 mints (inventory plugin on) against the fake with
 * seeded random faults, webhooks that drop, duplicate and reorder, and polling as the
 * fallback — all on the fake's manual clock, so a run is deterministic and needs no sleep.
 * Shared by `reliability-soak.test.ts` (small) and `bench/suites/soak.ts` (50,000 mints).
 */
export interface SoakOptions {
  mints: number;
  seed?: number | undefined;
  /** The key both sides use (a recognisable canary in the secrets test). */
  apiKey?: string | undefined;
  /** The ERC-1155 inventory plugin (injected: core cannot depend on the plugin package). */
  plugins?: MintkitPlugin[] | undefined;
  journal?: Journal | undefined;
  logger?: Logger | undefined;
  /** Sees every event the minter emits. */
  onEvent?: ((event: MinterEventName, payload: unknown) => void) | undefined;
  /** Runs once the minter exists, before the first mint (e.g. to install hooks). */
  beforeMints?: ((minter: Minter, fake: FakeImmutableApi) => void) | undefined;
  /**
   * Assets per request. Small batches mean many requests, so the per-request fault rates
   * hit often. @default 20
   */
  batchSize?: number | undefined;
  /**
   * The `createMinter` to soak: the sources by default; the bench passes the built package
   * so that it and the plugin share one copy of core.
   */
  createMinter?: CreateMinter | undefined;
  /** Wraps the fake's fetch (e.g. to throw a hostile network error). */
  wrapFetch?: ((fetch: typeof globalThis.fetch) => typeof globalThis.fetch) | undefined;
  /** Fault mix; the defaults are the issue's. */
  faults?: Partial<typeof DEFAULT_FAULTS> | undefined;
}

export const DEFAULT_FAULTS = {
  status5xx: 0.1,
  reset: 0.03,
  hang: 0.02,
  /** Longer than the client's 5 s request timeout. */
  hangMs: 10_000,
  rateLimitStorm: { rate: 0.02, length: 8, retryAfterSeconds: 2 },
  /** Of the 5xx and resets, this share happen after the server accepted the mint. */
  afterProcessing: 0.3,
  webhookDrop: 0.1,
  webhookDuplicate: 0.1,
};

export interface SoakResult {
  fake: FakeImmutableApi;
  minter: Minter;
  outcomes: MintOutcome[];
  rejected: unknown[];
  figures: {
    mints: number;
    erc721: number;
    erc1155: number;
    succeeded: number;
    requests: number;
    retries: number;
    rateLimited: number;
    pauses: number;
    faultsInjected: number;
    afterProcessingFaults: number;
    conflictsReferenceId: number;
    webhooksDelivered: number;
    webhooksDropped: number;
    webhookDuplicatesSeen: number;
    /** Fake time until the last mint() resolved (accepted by the API). */
    acceptedAfterMs: number;
    /** Fake time until the last receipt settled (webhooks, or polling for dropped ones). */
    fakeTimeMs: number;
    wallMs: number;
  };
  events: Map<MinterEventName, number>;
}

const TOKEN_IDS = 25;
const owner = (i: number) => `0x${(i + 1).toString(16).padStart(40, '0')}`;

/** Runs a soak to the end (every mint settled, or the step bound reached) and closes the minter. */
export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  const started = performance.now();
  const seed = o.seed ?? 7;
  const faults = { ...DEFAULT_FAULTS, ...o.faults };
  const apiKey = o.apiKey;
  const fake = createFakeImmutableApi({
    tier: 'partner',
    seed,
    latencyMs: 2_000,
    ...(apiKey ? { apiKeys: [{ key: apiKey }] } : {}),
    // Kept whole so the figures count every injected fault (a few MB for the 50,000-mint run).
    requestLogLimit: 1_000_000,
  });
  const createMinter = o.createMinter ?? createMinterFromSource;
  const minter = createMinter({
    apiKey: apiKey ?? fake.apiKey,
    environment: 'sandbox',
    tier: 'partner',
    fetch: o.wrapFetch ? o.wrapFetch(fake.fetch) : fake.fetch,
    clock: fake.clock,
    random: seededRandom(seed),
    collections: { [FAKE_ERC721_ADDRESS]: 'ERC721', [FAKE_ERC1155_ADDRESS]: 'ERC1155' },
    plugins: o.plugins ?? [],
    // Enough attempts that a seeded streak of faults cannot exhaust them: the soak proves
    // nothing is lost, so a mint failing on retries would be a finding, not noise.
    batch: { maxSize: o.batchSize ?? 20 },
    retry: { attempts: 30, baseMs: 250, maxMs: 5_000 },
    timeouts: { requestMs: 5_000 },
    rateLimit: { maxPauseMs: 10_000 },
    ...(o.journal ? { journal: o.journal } : {}),
    ...(o.logger ? { logger: o.logger } : {}),
    webhooks: {
      ...fake.webhooks.verifierOptions(),
      fetch: (async (input: string | URL | Request) =>
        fake.webhooks.handleConfirmationRequest(new Request(String(input)))) as typeof fetch,
      allowedSubscribeUrl: (url: string) => url.startsWith(`${fake.baseUrl}/_fake/webhooks/confirm?`),
    },
  });
  const events = new Map<MinterEventName, number>();
  const ALL = MINTER_EVENT_NAMES;
  let duplicatesSeen = 0;
  for (const name of ALL)
    minter.on(name, (payload: unknown) => {
      events.set(name, (events.get(name) ?? 0) + 1);
      if (name === 'webhook' && (payload as MinterEvents['webhook']).duplicate) duplicatesSeen++;
      o.onEvent?.(name, payload);
    });
  o.beforeMints?.(minter, fake);

  fake.webhooks.subscribe(
    async (request) => {
      await minter.webhooks.handle(await request.text(), Object.fromEntries(request.headers));
      return new Response(null, { status: 200 });
    },
    { events: ['imtbl_zkevm_mint_request_updated'] },
  );
  await fake.webhooks.flush();
  fake.webhooks.knobs.dropRate = faults.webhookDrop;
  fake.webhooks.knobs.duplicateRate = faults.webhookDuplicate;
  fake.webhooks.knobs.reorder = true;
  fake.webhooks.knobs.delayMs = 500;
  fake.faults.random({
    seed,
    status5xx: faults.status5xx,
    reset: faults.reset,
    hang: faults.hang,
    hangMs: faults.hangMs,
    rateLimitStorm: faults.rateLimitStorm,
    afterProcessing: faults.afterProcessing,
  });

  const random = seededRandom(seed + 1);
  const startedAt = fake.clock.now();
  const outcomes: MintOutcome[] = [];
  const rejected: unknown[] = [];
  let erc721 = 0;
  let erc1155 = 0;
  let open = o.mints;
  let unaccepted = o.mints;
  let acceptedAt = 0;
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < o.mints; i++) {
    const referenceId = `soak-${seed}-${i}`;
    const is1155 = random() < 0.5;
    if (is1155) erc1155++;
    else erc721++;
    const tokenId = String(1 + Math.floor(random() * TOKEN_IDS));
    const promise = is1155
      ? minter.mint(FAKE_ERC1155_ADDRESS, {
          referenceId,
          owner: owner(i % 1000),
          tokenId,
          amount: '1',
          // The plugin sends it with the first mint of the token only.
          metadata: { name: `Item ${tokenId}`, image: `https://example.com/${tokenId}.png` },
        })
      : minter.mint(FAKE_ERC721_ADDRESS, { referenceId, owner: owner(i % 1000) });
    pending.push(
      promise.then(
        async (receipt) => {
          if (--unaccepted === 0) acceptedAt = fake.clock.now();
          outcomes.push(await receipt.settled);
          open--;
        },
        (error: unknown) => {
          rejected.push(error);
          open--;
        },
      ),
    );
  }

  // Bounded: a soak that cannot finish fails its assertions instead of hanging.
  const STEP_MS = 1_000;
  const maxSteps = 3_600 + o.mints;
  for (let step = 0; open > 0 && step < maxSteps; step++) await fake.advanceTime(STEP_MS);
  // Whatever is still outstanding once faults stop shows up as a shortfall, not a hang.
  fake.faults.clear();
  for (let step = 0; open > 0 && step < 600; step++) await fake.advanceTime(STEP_MS);
  const fakeTimeMs = fake.clock.now() - startedAt;

  const closing = minter.close();
  for (let step = 0; step < 100; step++) await fake.advanceTime(STEP_MS);
  await closing;

  const faulted = fake.requests.filter((r) => r.fault);
  const deliveries = fake.webhooks.deliveries.filter((d) => d.event === 'imtbl_zkevm_mint_request_updated');
  const stats = minter.stats();
  return {
    fake,
    minter,
    outcomes,
    rejected,
    events,
    figures: {
      mints: o.mints,
      erc721,
      erc1155,
      succeeded: outcomes.filter((x) => x.status === 'succeeded').length,
      requests: stats.requests,
      retries: stats.retries,
      rateLimited: stats.rateLimited,
      pauses: events.get('paused') ?? 0,
      faultsInjected: faultCount.total(faulted),
      afterProcessingFaults: faultCount.after(faulted),
      conflictsReferenceId: events.get('conflict') ?? 0,
      webhooksDelivered: deliveries.filter((d) => d.status !== 'dropped').length,
      webhooksDropped: deliveries.filter((d) => d.status === 'dropped').length,
      webhookDuplicatesSeen: duplicatesSeen,
      acceptedAfterMs: acceptedAt === 0 ? -1 : acceptedAt - startedAt,
      fakeTimeMs,
      wallMs: Math.round(performance.now() - started),
    },
  };
}

const faultCount = {
  total: (r: Array<{ fault?: string | undefined }>) => r.length,
  after: (r: Array<{ fault?: string | undefined }>) => r.filter((x) => x.fault?.endsWith('-after')).length,
};
