import type { ManualClock } from '../clock/manual-clock.js';
import { CHAINS, type ChainInfo } from './constants.js';
import { createEventHub, type EventHub, type ImmutableEvent, type ImmutableEventName } from './events.js';
import type { ResolvedOptions } from './options.js';
import { createSeededRandom, type SeededRandom } from './random.js';
import { HourlyWindow, TokenBucket } from './rate-limit.js';
import { createSerialisers, type Serialisers } from './serialise.js';
import { createModelState, type ModelState } from './store.js';

/** Everything a route handler or the lifecycle needs; rebuilt by reset(). */
export interface ModelContext {
  options: ResolvedOptions;
  state: ModelState;
  clock: ManualClock;
  /** Ids, hashes and trace ids. */
  ids: SeededRandom;
  /** Outcomes (failure rate) on their own stream, so polling does not change which mints fail. */
  outcomes: SeededRandom;
  chain: ChainInfo;
  otherChain: ChainInfo;
  ser: Serialisers;
  hub: EventHub;
  buckets: Map<string, TokenBucket>;
  refreshWindows: Map<string, HourlyWindow>;
  timers: Set<unknown>;
  /** `data` is a thunk: building event payloads is skipped entirely when nobody listens. */
  emit(name: ImmutableEventName, data: () => Record<string, unknown>): void;
  bucket(project: string): TokenBucket;
  refreshWindow(project: string): HourlyWindow;
}

export function createContext(options: ResolvedOptions, hub: EventHub = createEventHub()): ModelContext {
  const chain = CHAINS[options.environment];
  const otherChain = CHAINS[options.environment === 'sandbox' ? 'production' : 'sandbox'];
  const ctx: ModelContext = {
    options,
    state: createModelState(options.apiKeys, options.collections),
    clock: options.clock,
    ids: createSeededRandom(options.seed),
    outcomes: createSeededRandom(options.seed ^ 0x5bd1e995),
    chain,
    otherChain,
    ser: createSerialisers(chain, {
      echoTokenIdWhilePending: () => options.behaviour.echoTokenIdWhilePending,
    }),
    hub,
    buckets: new Map(),
    refreshWindows: new Map(),
    timers: new Set(),
    emit(name, data) {
      // Building event objects costs time on the hot path; skip it when nobody listens.
      if (!hub.active) return;
      const event: ImmutableEvent = {
        event_name: name,
        event_id: ctx.ids.uuidV7(ctx.clock.now()),
        chain: chain.name,
        data: data(),
      };
      hub.emit(event);
    },
    bucket(project) {
      let b = ctx.buckets.get(project);
      if (!b) {
        const key = [...ctx.state.keys.values()].find((k) => k.project === project);
        const tier = key?.tier ?? { ratePerMinute: 200, burst: 2000 };
        b = new TokenBucket(project, tier.ratePerMinute, tier.burst, ctx.clock.now(), ctx.state.charges);
        ctx.buckets.set(project, b);
      }
      return b;
    },
    refreshWindow(project) {
      let w = ctx.refreshWindows.get(project);
      if (!w) {
        w = new HourlyWindow(options.refreshLimitPerHour);
        ctx.refreshWindows.set(project, w);
      }
      return w;
    },
  };
  return ctx;
}
