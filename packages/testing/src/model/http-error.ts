import { ERROR_LINK } from './constants.js';

/** The `code` the spec pairs with each error status. */
export const ERROR_CODES = {
  400: 'VALIDATION_ERROR',
  401: 'UNAUTHORISED_REQUEST',
  403: 'AUTHENTICATION_ERROR',
  404: 'RESOURCE_NOT_FOUND',
  405: 'RESOURCE_NOT_FOUND',
  409: 'CONFLICT_ERROR',
  429: 'TOO_MANY_REQUESTS_ERROR',
  500: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorStatus = keyof typeof ERROR_CODES;

/**
 * Thrown inside route handlers and turned into the error envelope by the router. Messages
 * never contain the API key: handlers only ever put field names and caller data in them.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly details: Record<string, unknown> | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const validationError = (message: string, details: Record<string, unknown> | null = null) =>
  new HttpError(400, message, details);

/** Field-level 400: names the field and, for an asset, its index and reference_id. */
export function fieldError(
  field: string,
  message: string,
  at?: { index: number; referenceId?: string | undefined } | undefined,
): HttpError {
  const details: Record<string, unknown> = { id: field, field };
  if (at) {
    details.index = at.index;
    if (typeof at.referenceId === 'string') {
      details.reference_id = at.referenceId;
      details.values = [at.referenceId];
    }
  }
  return new HttpError(400, `${field}: ${message}`, details);
}

export function jsonResponse(
  status: number,
  body: unknown,
  traceId: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-trace-id': traceId, ...headers },
  });
}

export function errorResponse(error: HttpError, traceId: string): Response {
  const body = {
    // The live spec constrains `message` to printable ASCII, at most 1024 characters.
    message: error.message.replace(/[^\x20-\x7E]/g, '?').slice(0, 1024),
    link: ERROR_LINK,
    trace_id: traceId,
    code: ERROR_CODES[error.status],
    details: error.details,
  };
  return jsonResponse(error.status, body, traceId, error.headers);
}
