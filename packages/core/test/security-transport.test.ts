import { createFakeImmutableApi, FAKE_ERC721_ADDRESS } from '@mintkit/testing';
import { describe, expect, it, vi } from 'vitest';
import { createHooks } from '../src/hooks/hooks.js';
import { createMinter, NetworkError, ValidationError } from '../src/index.js';
import { createHttpClient, MAX_REQUEST_BYTES, MAX_RESPONSE_BYTES } from '../src/submitter/http-client.js';
import { ERC721, owner, setup } from './helpers/setup.js';

const KEY = 'sk_imapik-SECRET-canary-transport';
const fieldOf = (environment: unknown): string | undefined => {
  try {
    createMinter({ apiKey: KEY, environment: environment as never, fetch: vi.fn() });
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).field;
  }
};

function client(
  fetch: typeof globalThis.fetch,
  o: { maxRequestBytes?: number; maxResponseBytes?: number } = {},
) {
  const fake = createFakeImmutableApi();
  return createHttpClient({
    apiKey: KEY,
    fetch,
    clock: fake.clock,
    timeoutMs: 5_000,
    hooks: createHooks(),
    ...o,
  });
}

/** A body that streams `chunks` × 64 KiB and counts how much of it was pulled. */
function endless(chunks: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  return {
    pulled: () => pulled,
    body: new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= chunks) return controller.close();
        pulled++;
        controller.enqueue(chunk);
      },
    }),
  };
}

describe('transport: HTTPS only', () => {
  it.each([
    'http://api.example.com',
    'http://10.0.0.5:8080',
    'http://api.sandbox.immutable.com',
    'ftp://api.example.com',
    'not a url',
  ])('refuses %s as a base URL with a ValidationError naming it', (baseUrl) => {
    expect(fieldOf({ baseUrl, chainName: 'c' })).toBe('options.environment.baseUrl');
  });

  it('allows https anywhere, http on loopback, and http elsewhere only with allowInsecureHttp: true', () => {
    expect(fieldOf({ baseUrl: 'https://api.example.com', chainName: 'c' })).toBeUndefined();
    expect(fieldOf({ baseUrl: 'http://127.0.0.1:4010', chainName: 'c' })).toBeUndefined();
    expect(fieldOf({ baseUrl: 'http://localhost:4010', chainName: 'c' })).toBeUndefined();
    expect(fieldOf({ baseUrl: 'http://[::1]:4010', chainName: 'c' })).toBeUndefined();
    expect(
      fieldOf({ baseUrl: 'http://10.0.0.5:8080', chainName: 'c', allowInsecureHttp: true }),
    ).toBeUndefined();
    // The opt-in is for http only; it does not make any other scheme acceptable.
    expect(fieldOf({ baseUrl: 'ftp://x.example', chainName: 'c', allowInsecureHttp: true })).toBe(
      'options.environment.baseUrl',
    );
    expect(fieldOf({ baseUrl: 'http://10.0.0.5', chainName: 'c', allowInsecureHttp: 'yes' })).toBeDefined();
  });
});

describe('transport: request size limit', () => {
  it('refuses a body over the limit before anything is sent', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const http = client(fetch, { maxRequestBytes: 1_000 });
    const error = await http
      .send('POST', 'https://api.example.com/x', { assets: [{ blob: 'x'.repeat(2_000) }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('request.body');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('the default limit holds the largest legitimate batch: 100 assets with 16 KiB metadata each', async () => {
    const fake = createFakeImmutableApi({ latencyMs: null });
    const sizes: number[] = [];
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const request = new Request(input, init);
      sizes.push(Buffer.byteLength(await request.clone().text()));
      return fake.fetch(request);
    };
    const h = setup({ fakeApi: fake, minter: { fetch, tracking: { polling: false } } });
    const description = 'é'.repeat(7_000); // 14 KB of UTF-8: near the 16 KiB metadata cap
    const mints = Array.from({ length: 100 }, (_, i) =>
      h.minter.mint(ERC721, {
        referenceId: `big-${i}`,
        owner: owner(i),
        metadata: { name: `n${i}`, description },
      }),
    );
    await h.tick(5);
    await expect(Promise.all(mints)).resolves.toHaveLength(100);
    expect(Math.max(...sizes)).toBeGreaterThan(1_000_000);
    expect(Math.max(...sizes)).toBeLessThan(MAX_REQUEST_BYTES);
    await h.minter.close();
  });
});

describe('transport: response size limit', () => {
  it('cuts off a streamed body over the limit with a NetworkError instead of buffering it', async () => {
    const stream = endless(1_000); // 64 MB if read to the end
    const http = client(async () => new Response(stream.body, { status: 200 }), {
      maxResponseBytes: 256 * 1024,
    });
    const error = await http.send('GET', 'https://api.example.com/x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/over the 262144-byte limit/);
    expect(stream.pulled()).toBeLessThan(10);
  });

  it('refuses at once a body whose content-length is over the limit', async () => {
    const stream = endless(1_000);
    const http = client(
      async () =>
        new Response(stream.body, {
          status: 503,
          headers: { 'content-length': String(MAX_RESPONSE_BYTES + 1) },
        }),
    );
    await expect(http.send('GET', 'https://api.example.com/x')).rejects.toBeInstanceOf(NetworkError);
    expect(stream.pulled()).toBeLessThanOrEqual(1);
  });

  it('a mint whose answer is too large is retried, and the retry finds it already accepted', async () => {
    const fake = createFakeImmutableApi({ latencyMs: null });
    let huge = true;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await fake.fetch(input, init);
      if (!huge) return response;
      huge = false; // the API accepted the mint, but its answer arrives as an endless body
      return new Response(endless(10_000).body, { status: 202 });
    };
    const h = setup({ fakeApi: fake, minter: { fetch, tracking: { polling: false } } });
    const minted = h.minter.mint(FAKE_ERC721_ADDRESS, { referenceId: 'r-huge', owner: owner() });
    for (let i = 0; i < 10; i++) await h.tick(1_000);
    await expect(minted).resolves.toMatchObject({ accepted: 'already-accepted' });
    expect(h.of('retrying')[0]?.error).toBeInstanceOf(NetworkError);
    fake.assertNoDuplicateMints();
    await h.minter.close();
  });
});
