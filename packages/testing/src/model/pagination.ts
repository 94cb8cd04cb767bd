import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './constants.js';
import { fieldError } from './http-error.js';

interface Cursor {
  d: 'next' | 'prev';
  s: number;
}

/**
 * Cursors are base64url JSON of a direction and the `seq` of the edge item (the spec's own
 * example is base64 JSON too). Clients must treat them as opaque.
 */
const encode = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode(raw: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<Cursor>;
    if ((c.d === 'next' || c.d === 'prev') && Number.isSafeInteger(c.s)) return { d: c.d, s: c.s as number };
  } catch {
    // fall through to the 400 below
  }
  throw fieldError('page_cursor', 'is not a cursor this API returned');
}

export function parsePageSize(params: URLSearchParams): number {
  const raw = params.get('page_size');
  if (raw === null) return DEFAULT_PAGE_SIZE;
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
    throw fieldError('page_size', `must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return n;
}

/** First index in `items` (ordered by seq) whose seq is ≥ `seq`. */
function lowerBound<T extends { seq: number }>(items: readonly T[], seq: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One page of `items` (ordered by `seq`, append-only), filtered by `keep`. Starting
 * positions are found by binary search, so a page costs O(log n + scanned items).
 */
export function paginate<T extends { seq: number }>(
  items: readonly T[],
  params: URLSearchParams,
  keep: (item: T) => boolean = () => true,
): { result: T[]; page: { previous_cursor: string | null; next_cursor: string | null } } {
  const size = parsePageSize(params);
  const rawCursor = params.get('page_cursor');
  const cursor = rawCursor === null || rawCursor === '' ? null : decode(rawCursor);
  const result: T[] = [];
  let hasBefore = false;
  let hasAfter = false;
  if (cursor === null || cursor.d === 'next') {
    let i = cursor === null ? 0 : lowerBound(items, cursor.s + 1);
    for (let j = i - 1; j >= 0 && !hasBefore; j--) hasBefore = keep(items[j]!);
    for (; i < items.length && result.length < size; i++) if (keep(items[i]!)) result.push(items[i]!);
    for (; i < items.length && !hasAfter; i++) hasAfter = keep(items[i]!);
  } else {
    let i = lowerBound(items, cursor.s) - 1;
    for (let j = i + 1; j < items.length && !hasAfter; j++) hasAfter = keep(items[j]!);
    for (; i >= 0 && result.length < size; i--) if (keep(items[i]!)) result.unshift(items[i]!);
    for (; i >= 0 && !hasBefore; i--) hasBefore = keep(items[i]!);
  }
  const first = result[0];
  const last = result[result.length - 1];
  return {
    result,
    page: {
      previous_cursor: hasBefore && first ? encode({ d: 'prev', s: first.seq }) : null,
      next_cursor: hasAfter && last ? encode({ d: 'next', s: last.seq }) : null,
    },
  };
}
