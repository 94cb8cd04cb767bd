import { z } from 'zod';
import { ApiError, ValidationError } from '../errors/errors.js';
import type { Nft } from '../minter.js';
import type { HttpClient } from '../submitter/http-client.js';
import { uint256Schema } from '../validate/schemas.js';
import { validateCollection } from '../validate/validate-asset.js';

/** The indexer's limits on `GET …/collections/{addr}/nfts` (REFERENCE.md §2.3, §9.2). */
export const LIST_NFTS_LIMITS = { maxTokenIds: 30, maxPageSize: 200 } as const;

export interface ListNftsOptions {
  /**
   * The `nextCursor` of the previous page; omit (or `null`) for the first page.
   * @default undefined (first page)
   * @example pageCursor: page.page.nextCursor
   */
  pageCursor?: string | null | undefined;
  /**
   * NFTs per page, 1 to 200.
   * @default undefined (the API's default, 100)
   * @example pageSize: 200
   */
  pageSize?: number | undefined;
  /**
   * Only these token_ids (at most 30, sent as repeated `token_id` parameters). Ids that do
   * not exist are simply absent from the result.
   * @default undefined (every NFT of the collection)
   * @example tokenIds: ['1', '2', '3']
   */
  tokenIds?: readonly string[] | undefined;
}

/** One page of `listNfts`: `nextCursor` is null on the last page. */
export interface NftPage {
  result: Nft[];
  page: { nextCursor: string | null };
}

const optionsSchema = z.strictObject({
  pageCursor: z.string().min(1).nullable().optional(),
  pageSize: z.number().int().min(1).max(LIST_NFTS_LIMITS.maxPageSize).optional(),
  tokenIds: z
    .array(uint256Schema)
    .max(
      LIST_NFTS_LIMITS.maxTokenIds,
      `accepts at most ${LIST_NFTS_LIMITS.maxTokenIds} token ids per request`,
    )
    .optional(),
});

// Lenient on purpose, like the mint-request reads: only what callers rely on is checked.
const nftSchema = z.looseObject({ token_id: z.string(), contract_address: z.string() });
const pageSchema = z.looseObject({
  result: z.array(nftSchema),
  page: z.looseObject({ next_cursor: z.string().nullable().optional() }).nullable().optional(),
});

function parseOptions(options: unknown): z.infer<typeof optionsSchema> {
  const parsed = optionsSchema.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = (issue?.path ?? [])
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
  throw new ValidationError(field || 'options', issue?.message ?? 'is invalid', { cause: parsed.error });
}

/** A 200 whose body is not an NFT list: a proxy or a changed API, never silently accepted. */
function parsePage(data: unknown, url: string): z.infer<typeof pageSchema> {
  const parsed = pageSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues[0]?.path.join('.') || 'body';
  throw new ApiError(`unexpected NFT list from ${url}: ${where} is malformed`, {
    status: 200,
    code: 'MALFORMED_RESPONSE',
  });
}

export interface NftReader {
  listNfts(collection: string, options?: ListNftsOptions): Promise<NftPage>;
  nfts(collection: string, options?: Omit<ListNftsOptions, 'pageCursor'>): AsyncIterable<Nft>;
}

/** The indexer's NFT list over the engine's HTTP client (ky; the API key stays inside it). */
export function createNftReader(
  http: Pick<HttpClient, 'send' | 'toError'>,
  collectionUrl: (collection: string) => string,
): NftReader {
  async function listNfts(collection: string, options?: ListNftsOptions): Promise<NftPage> {
    const c = validateCollection(collection);
    const o = parseOptions(options);
    const params = new URLSearchParams();
    for (const tokenId of o.tokenIds ?? []) params.append('token_id', tokenId);
    if (o.pageSize !== undefined) params.set('page_size', String(o.pageSize));
    if (o.pageCursor) params.set('page_cursor', o.pageCursor);
    const query = params.toString();
    const url = `${collectionUrl(c)}/nfts${query ? `?${query}` : ''}`;
    const result = await http.send('GET', url);
    if (result.status !== 200) throw http.toError(result, 'read');
    const body = parsePage(result.data, url);
    return { result: body.result as Nft[], page: { nextCursor: body.page?.next_cursor ?? null } };
  }

  return {
    listNfts,
    async *nfts(collection, options = {}) {
      let cursor: string | null = null;
      do {
        const page: NftPage = await listNfts(collection, { ...options, pageCursor: cursor });
        yield* page.result;
        cursor = page.page.nextCursor;
      } while (cursor !== null);
    },
  };
}
