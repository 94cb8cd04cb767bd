const CODES: Record<number, string> = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORISED_REQUEST',
  403: 'AUTHENTICATION_ERROR',
  404: 'RESOURCE_NOT_FOUND',
  409: 'CONFLICT_ERROR',
  429: 'TOO_MANY_REQUESTS_ERROR',
  500: 'INTERNAL_SERVER_ERROR',
  501: 'NOT_IMPLEMENTED_ERROR',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

const MESSAGES: Record<number, string> = {
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

let traceCounter = 0;

/** A trace id in Immutable's shape (32 hex digits), deterministic per process. */
export function faultTraceId(): string {
  traceCounter = (traceCounter + 1) % 0xffffffff;
  return `fa017${traceCounter.toString(16).padStart(27, '0')}`;
}

/**
 * The response of a `{status}` fault: Immutable's error envelope
 * (`{message, link, trace_id, code, details}`) with `x-trace-id`, unless `body` is given.
 * A 429 without explicit headers gets `Retry-After: 1`.
 */
export function faultResponse(status: number, body?: unknown, headers?: Record<string, string>): Response {
  const traceId = faultTraceId();
  const out = new Headers({ 'content-type': 'application/json', 'x-trace-id': traceId });
  if (status === 429 && !headers) out.set('retry-after', '1');
  for (const [name, value] of Object.entries(headers ?? {})) out.set(name, value);
  if (status === 204 || status === 304) return new Response(null, { status, headers: out });
  const payload =
    body === undefined
      ? JSON.stringify({
          message: MESSAGES[status] ?? `Injected fault (HTTP ${status})`,
          link: 'https://docs.immutable.com/zkevm/api/reference/',
          trace_id: traceId,
          code: CODES[status] ?? (status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'VALIDATION_ERROR'),
          details: null,
        })
      : typeof body === 'string'
        ? body
        : JSON.stringify(body);
  return new Response(payload, { status, headers: out });
}
