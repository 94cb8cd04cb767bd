import type { Dispatch } from './dispatcher.js';

/**
 * A `fetch` that never opens a socket: it builds a `Request` and hands it to the fake,
 * whatever the host (so `https://api.sandbox.immutable.com/...` works unchanged).
 * Pass it as the client's `fetch`; nothing global is patched, so parallel test files and
 * a user's own nock/MSW setup are unaffected.
 */
export function createInProcessFetch(dispatch: Dispatch): typeof fetch {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    // ky calls fetch(request, {}): reuse the Request rather than re-wrapping its body stream.
    const reuse = input instanceof Request && (init === undefined || Object.keys(init).length === 0);
    const request = reuse ? input : new Request(input, init);
    if (request.signal.aborted) throw request.signal.reason;
    // The body text is on hand when the caller passed a string: skip re-reading it.
    const rawBody = typeof init?.body === 'string' ? init.body : undefined;
    return dispatch(request, rawBody);
  };
}
