import { createMinter, type Minter, type MintkitPlugin } from '@mintkit/core';
import { createFakeImmutableApi, type FakeImmutableApi } from '@mintkit/testing';

/** Thrown for a wrong command line or environment; the bin prints the message and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ConnectOptions {
  /** `sandbox`, `production`, or a base URL (http only on a loopback host). */
  env: string;
  /** Chain name used with a URL environment. */
  chain: string;
  /** Name of the environment variable holding the secret API key. */
  apiKeyEnv: string;
  /** Run against an embedded fake API on loopback instead. */
  fake: boolean;
  tier?: string | undefined;
  plugins?: MintkitPlugin[] | undefined;
  /** The process environment (injected for tests). */
  environ: NodeJS.ProcessEnv;
}

/** The flags every command takes (`withConnection` in run-cli.ts declares them). */
export interface ConnectionFlags extends Pick<ConnectOptions, 'env' | 'chain' | 'apiKeyEnv' | 'fake'> {
  /** The collection contract address. */
  collection: string;
}

export interface Connection {
  minter: Minter;
  /** Set with `--fake`. */
  fake?: FakeImmutableApi | undefined;
  /** Where requests go, for the summary (never contains the key). */
  target: string;
  close(): Promise<void>;
}

export function parseTier(value: string | undefined) {
  if (value === undefined || value === 'standard' || value === 'partner') return value;
  const match = /^(\d+(?:\.\d+)?)[/:](\d+)$/.exec(value);
  if (!match) throw new UsageError(`--tier must be standard, partner or RATE/BURST, got "${value}"`);
  return { ratePerMinute: Number(match[1]), burst: Number(match[2]) };
}

/** Builds a minter for the chosen environment; the API key is read from the named env var only. */
export async function connect(o: ConnectOptions): Promise<Connection> {
  const tier = parseTier(o.tier);
  if (o.fake) {
    // The fake runs in real time with a short latency so a trial run settles in seconds.
    const fake = createFakeImmutableApi({ clock: 'real', latencyMs: 500, tier: tier ?? 'standard' });
    const server = await fake.listen({ host: '127.0.0.1', port: 0 });
    const minter = createMinter({
      apiKey: fake.apiKey,
      environment: { baseUrl: server.url, chainName: fake.chainName },
      tier,
      plugins: o.plugins,
    });
    return {
      minter,
      fake,
      target: `embedded fake API at ${server.url}`,
      async close() {
        await minter.close();
        await server.close();
      },
    };
  }
  const apiKey = o.environ[o.apiKeyEnv];
  if (!apiKey) {
    throw new UsageError(
      `the API key is read from the environment variable ${o.apiKeyEnv}, which is not set (use --api-key-env to name another, or --fake to try things out)`,
    );
  }
  let environment: 'sandbox' | 'production' | { baseUrl: string; chainName: string };
  if (o.env === 'sandbox' || o.env === 'production') environment = o.env;
  else if (/^https?:\/\//.test(o.env)) environment = { baseUrl: o.env, chainName: o.chain };
  else throw new UsageError(`--env must be sandbox, production or a URL, got "${o.env}"`);
  const minter = createMinter({ apiKey, environment, tier, plugins: o.plugins });
  return {
    minter,
    target:
      typeof environment === 'string' ? environment : `${environment.baseUrl} (${environment.chainName})`,
    close: () => minter.close(),
  };
}
