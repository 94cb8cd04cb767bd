import ky, { type KyInstance } from 'ky';
import { AbortError, type ApiError, NetworkError, TimeoutError } from '../errors/errors.js';
import { isMintkitError } from '../errors/mintkit-error.js';
import type { HookRunner } from '../hooks/hooks.js';
import type { Clock } from '../runtime/clock.js';
import { errorFromResponse } from './response-error.js';

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
}

export function createHttpClient(o: HttpClientOptions): HttpClient {
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
      const response = await o.hooks.run('request', { method, url, body }, (ctx) =>
        api(ctx.url, {
          method: ctx.method,
          signal: combined,
          // Serialised here rather than with ky's `json`: a pre-serialised string (refresh chunks,
          // sized exactly) passes through as is.
          ...(ctx.body === undefined
            ? {}
            : {
                body: typeof ctx.body === 'string' ? ctx.body : JSON.stringify(ctx.body),
                headers: { 'content-type': 'application/json' },
              }),
        }),
      );
      const text = await response.text();
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
