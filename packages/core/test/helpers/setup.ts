import {
  createFakeImmutableApi,
  FAKE_ERC721_ADDRESS,
  FAKE_ERC1155_ADDRESS,
  type FakeApiOptions,
  type FakeImmutableApi,
} from '@mintkit/testing';
import {
  createMinter,
  type Minter,
  type MinterEventName,
  type MinterEvents,
  type MinterOptions,
} from '../../src/index.js';
import { MINTER_EVENT_NAMES } from './minter-events.js';

export { FAKE_ERC721_ADDRESS as ERC721, FAKE_ERC1155_ADDRESS as ERC1155 };

/** A deterministic owner address for index `i`. */
export const owner = (i = 1) => `0x${i.toString(16).padStart(40, '0')}`;

export interface Harness {
  fake: FakeImmutableApi;
  minter: Minter;
  events: Array<{ event: MinterEventName; payload: unknown }>;
  of<E extends MinterEventName>(event: E): Array<MinterEvents[E]>;
  /** Advances the shared manual clock (linger, backoff, pauses, the fake's settling). */
  tick(ms?: number): Promise<void>;
}

const ALL = MINTER_EVENT_NAMES;

/** A fake (manual clock, no auto-settle) and a minter wired to it in-process. */
export function setup(
  o: { fake?: FakeApiOptions; minter?: Partial<MinterOptions>; fakeApi?: FakeImmutableApi } = {},
): Harness {
  const fake = o.fakeApi ?? createFakeImmutableApi({ latencyMs: null, ...o.fake });
  const minter = createMinter({
    apiKey: fake.apiKey,
    environment: 'sandbox',
    fetch: fake.fetch,
    clock: fake.clock,
    random: () => 0.5,
    collections: { [FAKE_ERC721_ADDRESS]: 'ERC721', [FAKE_ERC1155_ADDRESS]: 'ERC1155' },
    ...o.minter,
  });
  const events: Harness['events'] = [];
  for (const event of ALL) minter.on(event, (payload) => void events.push({ event, payload }));
  return {
    fake,
    minter,
    events,
    of: <E extends MinterEventName>(event: E) =>
      events.filter((e) => e.event === event).map((e) => e.payload as MinterEvents[E]),
    tick: (ms = 5) => fake.advanceTime(ms),
  };
}

/** Lets pending promise chains (in-process fetch, hooks) run without moving the clock. */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => queueMicrotask(r));
}
