import type { HttpClient } from '../submitter/http-client.js';
import type { MintRequestStatus } from '../types.js';
import type { StatusApi } from './list-scan.js';

/**
 * The poller's reads over the engine's HTTP client (ky; the API key stays inside it).
 * 404 and an empty list both mean "not found" (REFERENCE.md §4); other non-2xx results
 * become typed errors, so a 429 reaches the poller as a `RateLimitedError`.
 */
export function createHttpStatusApi(
  http: Pick<HttpClient, 'send' | 'toError'>,
  collectionUrl: (collection: string) => string,
): StatusApi {
  return {
    async get(collection, referenceId) {
      const url = `${collectionUrl(collection)}/nfts/mint-requests/${encodeURIComponent(referenceId)}`;
      const result = await http.send('GET', url);
      if (result.status === 404) return null;
      if (result.status !== 200) throw http.toError(result, 'read');
      const list = (result.data as { result?: MintRequestStatus[] } | null)?.result;
      return Array.isArray(list) ? (list[0] ?? null) : null;
    },
    async list(collection, query) {
      const params = new URLSearchParams({ status: query.status, page_size: String(query.pageSize) });
      if (query.pageCursor) params.set('page_cursor', query.pageCursor);
      const result = await http.send('GET', `${collectionUrl(collection)}/nfts/mint-requests?${params}`);
      if (result.status !== 200) throw http.toError(result, 'read');
      const body = result.data as {
        result?: MintRequestStatus[];
        page?: { next_cursor?: string | null };
      } | null;
      return { result: body?.result ?? [], page: { next_cursor: body?.page?.next_cursor ?? null } };
    },
  };
}
