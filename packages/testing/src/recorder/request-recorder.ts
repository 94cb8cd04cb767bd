/** One API request the fake answered (admin routes under `/_fake/` are not recorded). */
export interface RecordedRequest {
  method: string;
  /** Path without the query string. @example '/v1/chains/imtbl-zkevm-testnet/collections/0x…/nfts/mint-requests' */
  path: string;
  /** The query string, with its `?`, or `''`. */
  search: string;
  /** HTTP status sent; `0` when the connection was reset or the client gave up (aborted). */
  status: number;
  /** The request body, parsed when it is JSON (parsed lazily, on first read), else the text; `undefined` if none. */
  readonly body: unknown;
  /** Fake-clock time the request arrived. */
  at: number;
  /** The fault applied, if any. */
  fault?: 'status' | 'status-after' | 'reset' | 'reset-after' | 'hang' | 'aborted';
}

export interface RequestRecorderOptions {
  /** Record requests at all. @default true */
  enabled: boolean;
  /** Keep at most about this many (the oldest are dropped in batches). @default 10000 */
  limit: number;
}

export interface RequestRecorder {
  readonly enabled: boolean;
  /** The live log; the same array across calls (cleared in place by `reset()`). */
  readonly requests: RecordedRequest[];
  record(entry: Omit<RecordedRequest, 'body'>, rawBody: string | undefined): void;
  clear(): void;
  /** Every request ever recorded (not bounded by `limit`). */
  total(): number;
}

function parseBody(rawBody: string | undefined): unknown {
  if (rawBody === undefined || rawBody === '') return undefined;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}

export function createRequestRecorder(options: RequestRecorderOptions): RequestRecorder {
  const requests: RecordedRequest[] = [];
  let total = 0;
  // Trimming in batches of 10% keeps recording O(1) amortised for a bench's millions of calls.
  const slack = Math.max(1, Math.floor(options.limit / 10));
  return {
    enabled: options.enabled,
    requests,
    record(entry, rawBody) {
      total++;
      if (!options.enabled) return;
      let parsed: { value: unknown } | undefined;
      requests.push({
        ...entry,
        get body() {
          parsed ??= { value: parseBody(rawBody) };
          return parsed.value;
        },
      });
      if (requests.length > options.limit + slack) requests.splice(0, requests.length - options.limit);
    },
    clear() {
      requests.length = 0;
      total = 0;
    },
    total: () => total,
  };
}
