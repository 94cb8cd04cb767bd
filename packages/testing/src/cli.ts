import { parseArgs } from 'node:util';
import { createFakeImmutableApi, type FakeImmutableApi } from './create-fake-immutable-api.js';
import { FAKE_API_KEY, FAKE_ERC721_ADDRESS, FAKE_ERC1155_ADDRESS, TIERS } from './model/constants.js';
import type { FakeCollection, Tier } from './model/options.js';
import { CONFIRM_PATH } from './webhooks/create-fake-webhooks.js';

export const USAGE = `Usage: mintkit-fake-api [options]

Runs the fake Immutable Minting API on loopback HTTP, in real time.

Options:
  --port N                   TCP port (0 = any free port)            [default: 4010]
  --host HOST                interface to bind                        [default: 127.0.0.1]
  --environment ENV          sandbox | production                     [default: sandbox]
  --tier TIER                standard | partner | RATE/BURST (per minute, e.g. 60000/600000)
                                                                      [default: standard]
  --collection ADDR:TYPE     a collection, TYPE = ERC721 | ERC1155 (repeatable)
                                                  [default: the two FAKE_* collections]
  --api-key KEY              the secret key to accept                 [default: ${FAKE_API_KEY}]
  --latency MS|manual        auto-settle pending mints after MS; manual = POST /_fake/settle
                                                                      [default: 2000]
  --seed N                   seed of every random choice              [default: 1]
  -h, --help                 show this help

Control it over HTTP: POST /_fake/settle, POST /_fake/advance, POST /_fake/faults,
DELETE /_fake/faults, POST /_fake/reset, GET /_fake/mint-requests?status=, GET /_fake/state,
POST /_fake/webhooks/subscribe {"url"}, GET /_fake/sns-cert.pem. Webhook subscriptions
confirm on this server: SubscribeURL = <base URL>/_fake/webhooks/confirm?….`;

/** Thrown for a bad command line; the bin prints the message and exits with code 2. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export interface CliIo {
  /** Receives each line of output. @default line => process.stdout.write(`${line}\n`) */
  print?: ((line: string) => void) | undefined;
}

export interface RunningCli {
  url: string;
  fake: FakeImmutableApi;
  close(): Promise<void>;
}

function parseTier(value: string): Tier {
  if (value === 'standard' || value === 'partner') return value;
  const match = /^(\d+(?:\.\d+)?)[/:](\d+)$/.exec(value);
  if (!match) throw new CliUsageError(`--tier must be standard, partner or RATE/BURST, got "${value}"`);
  return { ratePerMinute: Number(match[1]), burst: Number(match[2]) };
}

function parseCollection(value: string): FakeCollection {
  const [address, type, ...rest] = value.split(':');
  const upper = type?.toUpperCase().replace('-', '');
  if (!address || rest.length > 0 || (upper !== 'ERC721' && upper !== 'ERC1155')) {
    throw new CliUsageError(`--collection must be ADDRESS:ERC721 or ADDRESS:ERC1155, got "${value}"`);
  }
  return { address, type: upper };
}

function parseInteger(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new CliUsageError(`--${name} must be an integer >= ${min}, got "${value}"`);
  return n;
}

const describeTier = (tier: Tier) => {
  const t = typeof tier === 'string' ? TIERS[tier] : tier;
  return `${typeof tier === 'string' ? tier : 'custom'} (${t.ratePerMinute}/min, burst ${t.burst})`;
};

/**
 * The CLI without the process around it: parses `argv`, starts the fake on a real clock and
 * prints how to reach it. Resolves to `undefined` after `--help`.
 */
export async function main(argv: readonly string[], io: CliIo = {}): Promise<RunningCli | undefined> {
  const print = io.print ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const parse = (args: string[]) =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string', default: '4010' },
        host: { type: 'string', default: '127.0.0.1' },
        environment: { type: 'string', default: 'sandbox' },
        tier: { type: 'string', default: 'standard' },
        collection: { type: 'string', multiple: true },
        'api-key': { type: 'string', default: FAKE_API_KEY },
        latency: { type: 'string', default: '2000' },
        seed: { type: 'string', default: '1' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse([...argv]).values;
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  if (values.help) {
    print(USAGE);
    return undefined;
  }
  const environment = values.environment;
  if (environment !== 'sandbox' && environment !== 'production') {
    throw new CliUsageError(`--environment must be sandbox or production, got "${environment}"`);
  }
  const tier = parseTier(values.tier);
  const collections = values.collection?.map(parseCollection) ?? [
    { address: FAKE_ERC721_ADDRESS, type: 'ERC721' as const },
    { address: FAKE_ERC1155_ADDRESS, type: 'ERC1155' as const },
  ];
  const latencyMs = values.latency === 'manual' ? null : parseInteger('latency', values.latency, 0);
  const apiKey = values['api-key'];

  let fake: FakeImmutableApi;
  try {
    fake = createFakeImmutableApi({
      clock: 'real',
      environment,
      tier,
      apiKeys: [{ key: apiKey, tier }],
      collections,
      latencyMs,
      seed: parseInteger('seed', values.seed, 0),
    });
  } catch (error) {
    throw new CliUsageError(`invalid option: ${(error as Error).message}`);
  }
  const server = await fake.listen({ port: parseInteger('port', values.port, 0), host: values.host });

  print(`mintkit-fake-api: fake Immutable Minting API (${environment}), real clock`);
  print(`base URL:    ${server.url}`);
  print(`chain name:  ${fake.chainName}`);
  print(`API key:     ${apiKey}   (send as x-immutable-api-key)`);
  print(`tier:        ${describeTier(tier)}`);
  print(`latency:     ${latencyMs === null ? 'manual (POST /_fake/settle)' : `${latencyMs} ms`}`);
  for (const c of collections) print(`collection:  ${c.address.toLowerCase()} ${c.type}`);
  print(`admin:       ${server.url}/_fake/state`);
  // Subscriptions made over this server confirm on it, not on Immutable's host (baseUrl).
  print(`webhooks:    POST ${server.url}/_fake/webhooks/subscribe {"url":"<your receiver>"}`);
  print(`  SubscribeURL ${server.url}${CONFIRM_PATH}?…  (allow it: allowedSubscribeUrl)`);
  print(`  certificate  ${server.url}/_fake/sns-cert.pem  (for ${fake.webhooks.signingCertUrl})`);
  print(`  topic        ${fake.webhooks.topicArn}`);
  return { url: server.url, fake, close: () => server.close() };
}
