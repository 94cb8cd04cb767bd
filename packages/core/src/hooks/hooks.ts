/*
 * Plugin hooks, written in-house (~100 lines). The model is Octokit's before-after-hook
 * (before / after / error / wrap around a named operation) with unjs/hookable's ergonomics
 * (registration returns an unregister function, handlers run in registration order).
 * Neither is a dependency: both type hooks loosely (string names, `any` payloads), while
 * here every name has its own ctx and result type, checked at the call site.
 */
import type { HookCtx, HookName, HookResult } from '../types.js';

type MaybePromise<T> = T | Promise<T>;
type Op<N extends HookName> = (ctx: HookCtx<N>) => MaybePromise<HookResult<N>>;

export type BeforeHook<N extends HookName> = (ctx: HookCtx<N>) => MaybePromise<void>;
export type AfterHook<N extends HookName> = (result: HookResult<N>, ctx: HookCtx<N>) => MaybePromise<void>;
/** Return a result to recover; return `undefined` (or rethrow) to pass the error on. */
export type ErrorHook<N extends HookName> = (
  error: unknown,
  ctx: HookCtx<N>,
) => MaybePromise<HookResult<N> | undefined>;
export type WrapHook<N extends HookName> = (next: Op<N>, ctx: HookCtx<N>) => MaybePromise<HookResult<N>>;

/** `minter.hooks`: register typed hooks around a named operation. Each call returns its unregister function. */
export interface Hooks {
  before<N extends HookName>(name: N, fn: BeforeHook<N>): () => void;
  after<N extends HookName>(name: N, fn: AfterHook<N>): () => void;
  error<N extends HookName>(name: N, fn: ErrorHook<N>): () => void;
  /** The first wrap registered is the outermost. */
  wrap<N extends HookName>(name: N, fn: WrapHook<N>): () => void;
}

export interface HookRunner extends Hooks {
  run<N extends HookName>(name: N, ctx: HookCtx<N>, fn: Op<N>): Promise<HookResult<N>>;
  has(name: HookName): boolean;
}

type Kind = 'before' | 'after' | 'error' | 'wrap';
// biome-ignore lint/suspicious/noExplicitAny: storage is untyped; the public methods are typed per name.
type AnyFn = (...args: any[]) => any;

export function createHooks(): HookRunner {
  const registry = new Map<HookName, Record<Kind, AnyFn[]>>();
  const slot = (name: HookName) => {
    let entry = registry.get(name);
    if (!entry) {
      entry = { before: [], after: [], error: [], wrap: [] };
      registry.set(name, entry);
    }
    return entry;
  };
  const add = (kind: Kind) => (name: HookName, fn: AnyFn) => {
    const list = slot(name)[kind];
    list.push(fn);
    return () => {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    };
  };

  async function run<N extends HookName>(name: N, ctx: HookCtx<N>, fn: Op<N>): Promise<HookResult<N>> {
    const entry = registry.get(name);
    // Fast path: most operations have no hooks; skip the async machinery.
    if (!entry || entry.before.length + entry.after.length + entry.error.length + entry.wrap.length === 0) {
      return fn(ctx);
    }
    // Snapshot so a hook that unregisters itself does not shift the list mid-run.
    const before = [...entry.before];
    const after = [...entry.after];
    const onError = [...entry.error];
    const wraps = [...entry.wrap];

    const core: Op<N> = async (c) => {
      for (const hook of before) await hook(c);
      let result: HookResult<N> | undefined;
      try {
        result = await fn(c);
      } catch (error) {
        let current: unknown = error;
        for (const hook of onError) {
          try {
            result = await hook(current, c);
            if (result !== undefined) break;
          } catch (next) {
            current = next;
          }
        }
        if (result === undefined) throw current;
      }
      for (const hook of after) await hook(result as HookResult<N>, c);
      return result as HookResult<N>;
    };
    // The first registered wrap ends up outermost: build from the last one inwards.
    const chain = wraps.reduceRight<Op<N>>((next, wrap) => (c) => wrap(next, c), core);
    return chain(ctx);
  }

  return {
    before: add('before') as Hooks['before'],
    after: add('after') as Hooks['after'],
    error: add('error') as Hooks['error'],
    wrap: add('wrap') as Hooks['wrap'],
    run,
    has: (name) => {
      const e = registry.get(name);
      return !!e && e.before.length + e.after.length + e.error.length + e.wrap.length > 0;
    },
  };
}
