import ky, { type KyInstance } from 'ky';
import { AbortError, type ApiError, NetworkError, TimeoutError, ValidationError } from '../errors/errors.js';
import { isMintkitError } from '../errors/mintkit-error.js';
import type { HookRunner } from '../hooks/hooks.js';
import type { Clock } from '../runtime/clock.js';
import { readBodyCapped } from './read-body.js';
import { errorFromResponse } from './response-error.js';

/**
 * Largest request body sent. The biggest legitimate one (100 assets, each with ≤16 KiB of
 * metadata) is about 1.7 MB; anything larger is a bug, refused before it leaves the process.
 */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/**
 * Largest response body read. The API's largest answers (a page of NFTs with metadata) are
 * a few MB; a bigger body is cut off with a NetworkError instead of being buffered.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export interface HttpResult {
  status: number;
  headers: Headers;
  data: unknown;
}

export interface HttpClient {
  /** Sends one request. Never throws ky's errors: NetworkError, TimeoutError or AbortError only. */
  send(method: 'GET' | 'POST', url: string, body?: unknown, signal?: AbortSignal): Promise<HttpResult>;
  /** Maps a non-2xx result to a typed ApiError. */
  toError(result: HttpResult, scope?: 'mint' | 'refresh' | 'read'): ApiError;
}

export interface HttpClientOptions {
  apiKey: string;
  fetch: typeof globalThis.fetch;
  clock: Clock;
  timeoutMs: number;
  hooks: HookRunner;
  /** @default MAX_REQUEST_BYTES */
  maxRequestBytes?: number | undefined;
  /** @default MAX_RESPONSE_BYTES */
  maxResponseBytes?: number | undefined;
}

export function createHttpClient(o: HttpClientOptions): HttpClient {
  const maxRequestBytes = o.maxRequestBytes ?? MAX_REQUEST_BYTES;
  const maxResponseBytes = o.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  // ky's own timeout and retries are off: the timeout runs on the injected clock (so tests
  // can drive it), and the submitter owns retries (POST is idempotent through reference_id).
  const api: KyInstance = ky.create({
    fetch: o.fetch,
    timeout: false,
    retry: 0,
    throwHttpErrors: false,
    headers: { 'x-immutable-api-key': o.apiKey, accept: 'application/json' },
  });

  async function send(
    method: 'GET' | 'POST',
    url: string,
    body?: unknown,
    signal?: AbortSignal,
  ): Promise<HttpResult> {
    const timeout = new AbortController();
    const timer = o.clock.setTimeout(() => timeout.abort(), o.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    try {
      const response = await o.hooks.run('request', { method, url, body }, (ctx) => {
        // Serialised here rather than with ky's `json`: a pre-serialised string (refresh chunks,
        // sized exactly) passes through as is.
        const payload =
          ctx.body === undefined
            ? undefined
            : typeof ctx.body === 'string'
              ? ctx.body
              : JSON.stringify(ctx.body);
        const bytes = payload === undefined ? 0 : Buffer.byteLength(payload);
        if (bytes > maxRequestBytes) {
          throw new ValidationError(
            'request.body',
            `is ${bytes} bytes, over the ${maxRequestBytes}-byte limit; not sent`,
          );
        }
        return api(ctx.url, {
          method: ctx.method,
          signal: combined,
          ...(payload === undefined
            ? {}
            : { body: payload, headers: { 'content-type': 'application/json' } }),
        });
      });
      const text = await readBodyCapped(
        response,
        maxResponseBytes,
        () => `${method} ${new URL(url).pathname}`,
      );
      let data: unknown = null;
      if (text) {
        try {
          data = JSON.parse(text);
        } catch {
          data = { message: text.slice(0, 200) };
        }
      }
      return { status: response.status, headers: response.headers, data };
    } catch (error) {
      if (isMintkitError(error)) throw error;
      if (timeout.signal.aborted) {
        throw new TimeoutError(`${method} timed out after ${o.timeoutMs} ms`, o.timeoutMs, { cause: error });
      }
      if (signal?.aborted) throw new AbortError('the request was aborted', { cause: error });
      const message = error instanceof Error ? error.message : String(error);
      throw new NetworkError(`${method} failed without an HTTP answer: ${message}`, { cause: error });
    } finally {
      o.clock.clearTimeout(timer);
    }
  }

  return {
    send,
    toError: (result, scope = 'mint') =>
      errorFromResponse(result.status, result.data, result.headers, o.clock.now(), scope),
  };
}
