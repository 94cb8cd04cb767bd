import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { createFakeImmutableApi } from '@mintkit/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { loadInventoryPlugin, loadSqliteJournal } from './helpers/reliability-plugins.js';
import { CANARY_KEY, recordingLogger, renderings } from './helpers/reliability-secrets.js';
import { runSoak } from './helpers/reliability-soak.js';
import { ERC721, owner, setup } from './helpers/setup.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Fails naming the first place the key shows up. */
function expectNoKey(where: string, texts: string[]): void {
  const leak = texts.find((t) => t.includes(CANARY_KEY));
  expect(
    leak === undefined
      ? undefined
      : `${where}: …${leak.slice(Math.max(0, leak.indexOf(CANARY_KEY) - 400), leak.indexOf(CANARY_KEY) + 60)}`,
  ).toBeUndefined();
}

/** Errors carrying the key the way real ones do: a server echoing it, a fetch failure quoting it. */
function keyEchoingFetch(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  let calls = 0;
  return async (input, init) => {
    calls++;
    if (calls % 97 === 13) {
      const root = new Error(`getaddrinfo ENOTFOUND with header x-immutable-api-key: ${CANARY_KEY}`);
      throw new TypeError(`fetch failed (${CANARY_KEY})`, { cause: root });
    }
    return fetch(input, init);
  };
}

describe('secrets: the API key appears nowhere mintkit writes', () => {
  it('a soak with a canary key: logs, events, hook ctx, stats, inspect and the SQLite journal are clean', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mintkit-secrets-'));
    dirs.push(dir);
    const sqliteJournal = await loadSqliteJournal();
    const erc1155Inventory = await loadInventoryPlugin();
    const logger = recordingLogger();
    const events: string[] = [];
    const hookCtx: string[] = [];
    let eventCount = 0;
    const r = await runSoak({
      mints: 300,
      seed: 5,
      apiKey: CANARY_KEY,
      logger,
      plugins: [erc1155Inventory()],
      journal: sqliteJournal({ path: join(dir, 'journal.sqlite') }),
      wrapFetch: keyEchoingFetch,
      onEvent: (name, payload) => {
        eventCount++;
        events.push(name, ...renderings(payload));
      },
      beforeMints: (minter, fake) => {
        // The server echoing the key in error bodies (a 401 opens the circuit; resumed below).
        const echo = {
          message: `bad key ${CANARY_KEY}`,
          code: 'X',
          trace_id: CANARY_KEY,
          link: 'l',
          details: [CANARY_KEY],
        };
        fake.faults.next(3, { status: 503, body: echo }, { method: 'POST' });
        fake.faults.next(2, { status: 500, body: echo }, { method: 'GET' });
        fake.faults.next(1, { status: 401, body: echo }, { method: 'POST' });
        minter.on('paused', ({ reason }) => {
          if (reason === 'auth') queueMicrotask(() => minter.resume());
        });
        for (const name of ['request', 'submit', 'enqueue', 'outcome'] as const) {
          minter.hooks.before(name, (ctx: unknown) => {
            hookCtx.push(name, ...renderings(ctx));
          });
        }
        minter.hooks.wrap('request', async (next, ctx) => {
          const response = await next(ctx);
          hookCtx.push(...renderings(response.headers), ...renderings(ctx));
          return response;
        });
      },
    });
    expect(r.figures.succeeded).toBe(300);
    expect(eventCount).toBeGreaterThan(300);
    expect(hookCtx.length).toBeGreaterThan(100);
    // The key really went out (to the API) and really came back in error bodies.
    expect(r.fake.requests.some((q) => q.status === 401)).toBe(true);
    expect(events.some((e) => e.includes('[redacted]'))).toBe(true);

    expectNoKey('logger', logger.lines);
    expectNoKey('events', events);
    expectNoKey('hook ctx', hookCtx);
    expectNoKey('rejections', r.rejected.flatMap(renderings));
    expectNoKey('outcomes', r.outcomes.flatMap(renderings));
    expectNoKey('minter', [inspect(r.minter, { depth: null }), JSON.stringify(r.minter)]);
    expectNoKey('stats', [JSON.stringify(r.minter.stats())]);
    const files = readdirSync(dir);
    expect(files.length).toBeGreaterThan(0);
    const bytes = files.map((f) => readFileSync(join(dir, f)));
    expect(bytes.some((b) => b.includes('soak-5-0'))).toBe(true); // the journal did record intents
    for (const b of bytes) expect(b.includes(CANARY_KEY)).toBe(false);
  });

  it('thrown errors (mint, status, getNft, refresh) carry no key in message, stack or cause chain', async () => {
    const fake = createFakeImmutableApi({ latencyMs: null, apiKeys: [{ key: CANARY_KEY }] });
    const h = setup({
      fakeApi: fake,
      minter: {
        apiKey: CANARY_KEY,
        retry: { attempts: 2, baseMs: 1 },
        fetch: async (input, init) => {
          const request = new Request(input, init);
          if (request.method === 'GET')
            throw new TypeError(`socket hang up ${CANARY_KEY}`, { cause: new Error(`inner ${CANARY_KEY}`) });
          return fake.fetch(request);
        },
      },
    });
    const echo = {
      message: `rejected ${CANARY_KEY}`,
      code: 'VALIDATION_ERROR',
      trace_id: 't',
      link: 'l',
      details: null,
    };
    fake.faults.next(1, { status: 400, body: echo }, { method: 'POST' });
    const thrown: unknown[] = [];
    const mint = h.minter
      .mint(ERC721, { referenceId: 'one', owner: owner() })
      .catch((e: unknown) => thrown.push(e));
    const read = h.minter.status(ERC721, 'one').catch((e: unknown) => thrown.push(e));
    const nft = h.minter.getNft(ERC721, '1').catch((e: unknown) => thrown.push(e));
    for (let i = 0; i < 5; i++) await h.tick(10);
    await Promise.all([mint, read, nft]);
    expect(thrown).toHaveLength(3);
    expectNoKey('thrown', thrown.flatMap(renderings));
    expectNoKey(
      'events',
      h.events.flatMap((e) => renderings(e.payload)),
    );
    await h.minter.close();
  });

  it('regression: an error body echoing the key is redacted in every ApiError field, not only the message', async () => {
    const fake = createFakeImmutableApi({ latencyMs: null, apiKeys: [{ key: CANARY_KEY }] });
    const h = setup({ fakeApi: fake, minter: { apiKey: CANARY_KEY, tracking: { polling: false } } });
    const echo = {
      message: `no ${CANARY_KEY}`,
      code: `CODE_${CANARY_KEY}`,
      trace_id: CANARY_KEY,
      link: CANARY_KEY,
      details: { id: 'token_id', values: [CANARY_KEY], nested: [{ header: CANARY_KEY }] },
    };
    fake.faults.next(
      1,
      { status: 409, body: echo, headers: { 'x-trace-id': CANARY_KEY } },
      { method: 'POST' },
    );
    const refused = h.minter.mint(ERC721, { referenceId: 'echo', owner: owner(), tokenId: '5' }).then(
      () => undefined,
      (e: unknown) => e as Record<string, unknown>,
    );
    await h.tick(5);
    const error = await refused;
    expect(error?.name).toBe('ConflictError');
    expect(error?.traceId).toBe('[redacted]');
    expect(JSON.stringify(error?.details)).toContain('[redacted]');
    expectNoKey('error', renderings(error));
    await h.minter.close();
  });
});
