import { describe, expect, it, vi } from 'vitest';
import { createDefaultCertificateFetcher } from '../src/webhooks/certificate-store.js';
import { DEFAULT_TRUSTED_SNS_HOST, refuseUntrustedSnsUrl } from '../src/webhooks/trusted-url.js';

const URL_OK = 'https://sns.us-east-2.amazonaws.com/SimpleNotificationService-abc.pem';

describe('default certificate fetcher', () => {
  it('returns the PEM text and refuses redirects', async () => {
    const fetch = vi.fn(async () => new Response('-----BEGIN CERTIFICATE-----'));
    const get = createDefaultCertificateFetcher({
      timeoutMs: 1000,
      fetch: fetch as unknown as typeof globalThis.fetch,
    });
    await expect(get(URL_OK)).resolves.toBe('-----BEGIN CERTIFICATE-----');
    expect(fetch).toHaveBeenCalledWith(
      URL_OK,
      expect.objectContaining({ redirect: 'error', signal: expect.any(AbortSignal) }),
    );
  });

  it('fails on a non-200 answer', async () => {
    const fetch = async () => new Response('gone', { status: 404 });
    const get = createDefaultCertificateFetcher({ timeoutMs: 1000, fetch: fetch as typeof globalThis.fetch });
    await expect(get(URL_OK)).rejects.toThrow(/404/);
  });

  it('caps the body size, declared or streamed', async () => {
    const big = 'x'.repeat(65 * 1024);
    const declared = async () => new Response(big, { headers: { 'content-length': String(big.length) } });
    await expect(
      createDefaultCertificateFetcher({ timeoutMs: 1000, fetch: declared as typeof globalThis.fetch })(
        URL_OK,
      ),
    ).rejects.toThrow(/bytes/);
    const streamed = async () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            controller.enqueue(new TextEncoder().encode('x'.repeat(16 * 1024)));
          },
        }),
      );
    await expect(
      createDefaultCertificateFetcher({ timeoutMs: 1000, fetch: streamed as typeof globalThis.fetch })(
        URL_OK,
      ),
    ).rejects.toThrow(/over/);
  });
});

describe('trusted SNS URLs', () => {
  it('accepts real SNS certificate URLs, including upper-case hosts and the default port', () => {
    for (const url of [
      URL_OK,
      'https://SNS.EU-WEST-1.AMAZONAWS.COM/SimpleNotificationService-x.pem',
      'https://sns.us-east-2.amazonaws.com:443/x.pem',
      'https://sns.cn-north-1.amazonaws.com.cn/x.pem',
    ]) {
      expect(refuseUntrustedSnsUrl(url, DEFAULT_TRUSTED_SNS_HOST, true)).toBeNull();
    }
  });

  it('a global-flag pattern gives the same verdict every time', () => {
    const sticky = /^sns\.[a-z0-9-]+\.amazonaws\.com$/g;
    expect(refuseUntrustedSnsUrl(URL_OK, sticky, true)).toBeNull();
    expect(refuseUntrustedSnsUrl(URL_OK, sticky, true)).toBeNull();
  });

  it('a SubscribeURL needs no .pem path', () => {
    const subscribe = 'https://sns.us-east-2.amazonaws.com/?Action=ConfirmSubscription&TopicArn=a&Token=b';
    expect(refuseUntrustedSnsUrl(subscribe, DEFAULT_TRUSTED_SNS_HOST, false)).toBeNull();
    expect(refuseUntrustedSnsUrl(subscribe, DEFAULT_TRUSTED_SNS_HOST, true)).toMatch(/\.pem/);
  });
});
