/**
 * The hosts AWS SNS signs from: `sns.<region>.amazonaws.com` (and `.com.cn` in China).
 * Matched against the URL parser's lower-cased `hostname`, so IP literals, look-alike
 * suffixes (`…amazonaws.com.evil.io`), other TLDs and trailing dots never match.
 */
export const DEFAULT_TRUSTED_SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

/** Why a URL was refused, or null when it may be fetched. */
export type UrlRefusal = string | null;

/**
 * Checks a URL an SNS message asks us to fetch, before anything is fetched (SSRF guard):
 * https only, no userinfo (`https://sns…@evil.io`), no explicit port, a trusted host, and
 * (for certificates) a path ending in `.pem`.
 */
export function refuseUntrustedSnsUrl(raw: string, hostPattern: RegExp, requirePem: boolean): UrlRefusal {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:') return `uses ${url.protocol} (https: required)`;
  if (url.username !== '' || url.password !== '') return 'carries userinfo';
  // `new URL` drops the default port, so only a non-default one is left here.
  if (url.port !== '') return `names port ${url.port}`;
  // A RegExp with the g or y flag keeps lastIndex between calls; reset so every test starts at 0.
  hostPattern.lastIndex = 0;
  if (!hostPattern.test(url.hostname)) return `host ${url.hostname} is not a trusted SNS host`;
  if (requirePem && !url.pathname.endsWith('.pem')) return 'path does not end in .pem';
  return null;
}
