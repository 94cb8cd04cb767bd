import { parseArgs } from 'node:util';
import type { FakeImmutableApi } from '@mintkit/testing';

type Tier = 'standard' | 'partner' | { ratePerMinute: number; burst: number };

export interface DemoOptions {
  /** Players; one match each, four per match. @default 1000 (env MINTKIT_DEMO_PLAYERS) */
  players: number;
  /** The fake's and the minter's rate-limit tier. @default 'standard' */
  tier: Tier;
  /** Inject faults: 5xx, resets, 429 storms, dropped and duplicated webhooks. @default false */
  chaos: boolean;
  /** @default 7 */
  seed: number;
  /** How long the fake takes to settle a mint "on chain". @default 300 */
  latencyMs: number;
  /** Pause between rounds of matches. @default 400 */
  roundMs: number;
  /** The run fails when no reward moved (accepted, settled) for this long. @default 45000 */
  idleTimeoutMs: number;
  /** Where progress goes. @default process.stdout */
  stream?: NodeJS.WritableStream | undefined;
  /** @default whether `stream` is a TTY */
  tty?: boolean | undefined;
  /** Test seam: called with the fake once it runs (e.g. to make a mint fail on chain). */
  onFakeReady?: ((fake: FakeImmutableApi) => void) | undefined;
}

export const DEMO_USAGE = `Usage: pnpm demo [-- options]

A game server simulation that mints trophies (ERC-721) and items (ERC-1155) with mintkit
against an embedded fake Immutable API on loopback.

Options:
  --players N     players (one match each, 4 per match)   [default: 1000, env MINTKIT_DEMO_PLAYERS]
  --tier T        standard | partner | RATE/BURST per minute, e.g. 120/40 to watch budget waits
                                                          [default: standard]
  --chaos         inject 5xx, connection resets, 429 storms, dropped and duplicated webhooks
  --seed N        seed of the game and of the faults      [default: 7]
  -h, --help      show this help`;

export class DemoUsageError extends Error {
  override readonly name = 'DemoUsageError';
}

const positiveInt = (name: string, value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new DemoUsageError(`${name} must be a positive integer, got "${value}"`);
  return n;
};

export function parseTier(value: string): Tier {
  if (value === 'standard' || value === 'partner') return value;
  const match = /^(\d+(?:\.\d+)?)[/:](\d+)$/.exec(value);
  if (!match) throw new DemoUsageError(`--tier must be standard, partner or RATE/BURST, got "${value}"`);
  return { ratePerMinute: Number(match[1]), burst: Number(match[2]) };
}

/** Flags win over the environment; `null` means "print the help". */
export function parseDemoArgs(args: string[], env: NodeJS.ProcessEnv): DemoOptions | null {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new DemoUsageError((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) return null;
  const players = v.players ?? env.MINTKIT_DEMO_PLAYERS;
  return {
    players: players === undefined ? 1000 : positiveInt('--players', players),
    tier: parseTier(v.tier ?? 'standard'),
    chaos: v.chaos ?? false,
    seed: v.seed === undefined ? 7 : positiveInt('--seed', v.seed),
    latencyMs: 300,
    roundMs: 400,
    idleTimeoutMs: 45_000,
  };
}

const parse = (args: string[]) =>
  parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: {
      players: { type: 'string' },
      tier: { type: 'string' },
      chaos: { type: 'boolean' },
      seed: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
