import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CliUsageError, main, type RunningCli } from '../src/cli.js';
import { FAKE_API_KEY, FAKE_ERC721_ADDRESS } from '../src/model/constants.js';

const COLLECTION = '0x00000000000000000000000000000000000c0de1';
const OWNER = '0x00000000000000000000000000000000000a11ce';

describe('mintkit-fake-api main(argv)', () => {
  let running: RunningCli | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('starts on a free port with a real clock and prints URL, chain, key and collections', async () => {
    const lines: string[] = [];
    running = await main(['--port', '0', '--latency', 'manual'], { print: (l) => lines.push(l) });
    expect(running?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const out = lines.join('\n');
    expect(out).toContain(`base URL:    ${running?.url}`);
    expect(out).toContain('chain name:  imtbl-zkevm-testnet');
    expect(out).toContain(`API key:     ${FAKE_API_KEY}`);
    expect(lines.filter((l) => l.startsWith('collection:'))).toHaveLength(2);
    expect(Math.abs(running!.fake.clock.now() - Date.now())).toBeLessThan(5_000);
  });

  it('applies --collection, --api-key, --tier, --environment and serves mints over HTTP', async () => {
    const lines: string[] = [];
    running = await main(
      [
        '--port=0',
        '--environment=production',
        `--collection=${COLLECTION}:ERC721`,
        '--api-key=sk_cli_key',
        '--tier=600/5',
        '--latency=manual',
        '--seed=9',
      ],
      { print: (l) => lines.push(l) },
    );
    expect(lines).toContain(`collection:  ${COLLECTION} ERC721`);
    expect(lines.join('\n')).toContain('custom (600/min, burst 5)');
    const url = `${running!.url}/v1/chains/imtbl-zkevm-mainnet/collections/${COLLECTION}/nfts/mint-requests`;
    const assets = Array.from({ length: 6 }, (_, i) => ({ reference_id: `r${i}`, owner_address: OWNER }));
    const post = (key: string, n: number) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-immutable-api-key': key },
        body: JSON.stringify({ assets: assets.slice(0, n) }),
      });
    expect((await post(FAKE_API_KEY, 1)).status).toBe(401);
    expect((await post('sk_cli_key', 6)).status).toBe(429); // burst 5
    expect((await post('sk_cli_key', 5)).status).toBe(202);
    const settle = await fetch(`${running!.url}/_fake/settle`, { method: 'POST' });
    expect(await settle.json()).toEqual({ settled: 5 });
    const advance = await fetch(`${running!.url}/_fake/advance`, { method: 'POST', body: '{"ms":1000}' });
    expect(advance.status).toBe(400); // real time cannot be moved
    expect(await advance.json()).toMatchObject({ message: expect.stringContaining('cannot be advanced') });
    const other = `${running!.url}/v1/chains/imtbl-zkevm-mainnet/collections/${FAKE_ERC721_ADDRESS}/nfts`;
    expect((await fetch(other)).status).not.toBe(200);
  });

  it('--help prints usage and starts nothing', async () => {
    const lines: string[] = [];
    expect(await main(['--help'], { print: (l) => lines.push(l) })).toBeUndefined();
    expect(lines.join('\n')).toContain('Usage: mintkit-fake-api');
  });

  it.each([
    [['--tier', 'gold']],
    [['--collection', 'nothex:ERC721']],
    [['--collection', `${COLLECTION}:ERC20`]],
    [['--latency', 'soon']],
    [['--environment', 'staging']],
    [['--port', '-1']],
    [['--bogus']],
  ])('rejects %j with a CliUsageError', async (argv) => {
    await expect(main(argv, { print: () => {} })).rejects.toBeInstanceOf(CliUsageError);
  });
});

describe('mintkit-fake-api as a process', () => {
  it('prints its URL, serves requests and exits 0 on SIGTERM', async () => {
    const require = createRequire(import.meta.url);
    const tsx = require.resolve('tsx');
    const bin = fileURLToPath(new URL('../src/mintkit-fake-api.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', tsx, bin, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        out += chunk;
        const match = /base URL:\s+(\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${out}`)));
    });
    const res = await fetch(`${url}/v1/chains`);
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('exits 2 with a usage hint on a bad flag', async () => {
    const require = createRequire(import.meta.url);
    const bin = fileURLToPath(new URL('../src/mintkit-fake-api.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', require.resolve('tsx'), bin, '--tier', 'gold'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(2);
    expect(err).toContain('--tier must be');
  });
});
