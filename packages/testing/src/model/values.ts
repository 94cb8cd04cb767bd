const UINT256_MAX = (1n << 256n) - 1n;
const DECIMAL = /^(0|[1-9][0-9]*)$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** A uint256 as the API writes it: decimal, no sign, no leading zeros (except "0"), ≤ 2^256−1. */
export function isUint256(value: unknown): value is string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) return false;
  // 78 digits is the length of 2^256−1; only then does the BigInt comparison matter.
  return value.length < 78 || (value.length === 78 && BigInt(value) <= UINT256_MAX);
}

export const isAddress = (value: unknown): value is string =>
  typeof value === 'string' && ADDRESS.test(value);

let lastMs = Number.NaN;
let lastStamp = '';
/**
 * RFC 3339 with microseconds and `Z`, the API's timestamp format. Memoised on the last
 * value: a settle pass stamps thousands of records with the same clock reading.
 */
export function toTimestamp(ms: number): string {
  if (ms !== lastMs) {
    lastMs = ms;
    lastStamp = `${new Date(ms).toISOString().slice(0, -1)}000Z`;
  }
  return lastStamp;
}

export const utf8Bytes = (text: string): number => Buffer.byteLength(text, 'utf8');
