import { X509Certificate } from 'node:crypto';
import { BoundedCache } from './bounded-cache.js';
import { webhookError } from './webhook-error-codes.js';

/** Fetches the PEM text of an SNS signing certificate. Only ever called with a URL that passed the host checks. */
export type FetchCertificate = (url: string) => Promise<string>;

/** Real certificates are ~2 KiB; anything far bigger is not one. */
const MAX_CERT_BYTES = 64 * 1024;

/**
 * The default certificate fetcher: global `fetch`, a timeout, redirects refused (a redirect
 * would leave the trusted host), and a body-size cap (read incrementally, so a huge body
 * is not buffered whole).
 */
export function createDefaultCertificateFetcher(o: {
  timeoutMs: number;
  fetch?: typeof fetch | undefined;
}): FetchCertificate {
  return async (url) => {
    const doFetch = o.fetch ?? globalThis.fetch;
    const response = await doFetch(url, { redirect: 'error', signal: AbortSignal.timeout(o.timeoutMs) });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`certificate download answered ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_CERT_BYTES) {
      await response.body?.cancel();
      throw new Error(`certificate is ${declared} bytes (max ${MAX_CERT_BYTES})`);
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    if (response.body) {
      for await (const chunk of response.body) {
        total += chunk.byteLength;
        if (total > MAX_CERT_BYTES) throw new Error(`certificate is over ${MAX_CERT_BYTES} bytes`);
        chunks.push(chunk);
      }
    }
    return Buffer.concat(chunks).toString('utf8');
  };
}

/**
 * A bounded LRU of parsed certificates by URL. The in-flight promise is cached too, so N
 * messages arriving together fetch a certificate once; a failed fetch is forgotten so the
 * next message tries again.
 */
export function createCertificateStore(fetchCertificate: FetchCertificate, size: number) {
  const cache = new BoundedCache<string, Promise<X509Certificate>>(size);
  const load = async (url: string): Promise<X509Certificate> => {
    let pem: string;
    try {
      pem = await fetchCertificate(url);
    } catch (cause) {
      throw webhookError('CERT_FETCH_FAILED', `could not fetch the SNS signing certificate ${url}`, cause);
    }
    try {
      return new X509Certificate(pem);
    } catch (cause) {
      throw webhookError(
        'CERT_FETCH_FAILED',
        `the SNS signing certificate at ${url} is not a PEM certificate`,
        cause,
      );
    }
  };
  return {
    get(url: string): Promise<X509Certificate> {
      const cached = cache.get(url);
      if (cached) return cached;
      const pending = load(url);
      cache.set(url, pending);
      pending.catch(() => {
        if (cache.get(url) === pending) cache.delete(url);
      });
      return pending;
    },
    get size() {
      return cache.size;
    },
  };
}

export type CertificateStore = ReturnType<typeof createCertificateStore>;
