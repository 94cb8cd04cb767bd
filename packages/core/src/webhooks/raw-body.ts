import { webhookError } from './webhook-error-codes.js';

/** Request headers as node:http, express and fastify give them (any case; arrays for repeats). */
export type WebhookHeaders = Headers | Record<string, string | readonly string[] | undefined>;

export function headerValue(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== lower || value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}

export const JSON_PARSED_BODY_MESSAGE =
  'the webhook body was already parsed into an object. SNS posts JSON as text/plain and the ' +
  'signature covers the exact text, so a JSON body parser (express.json(), bodyParser.json()) ' +
  'breaks verification: give the webhook route the raw body (express.raw({ type: "*/*" }) or ' +
  'express.text({ type: "*/*" })) and mount any JSON parser after it or on other routes.';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body as bytes (for HMAC) and text (for JSON); refuses non-UTF-8, oversize and parsed bodies. */
export function decodeBody(raw: unknown, maxBytes: number): { bytes: Uint8Array; text: string } {
  if (typeof raw === 'string') {
    const bytes = Buffer.from(raw, 'utf8');
    if (bytes.byteLength > maxBytes) throw tooLarge(bytes.byteLength, maxBytes);
    return { bytes, text: raw };
  }
  if (raw instanceof Uint8Array) {
    if (raw.byteLength > maxBytes) throw tooLarge(raw.byteLength, maxBytes);
    try {
      return { bytes: raw, text: utf8.decode(raw) };
    } catch (cause) {
      throw webhookError('MALFORMED_BODY', 'the webhook body is not UTF-8 text', cause);
    }
  }
  if (typeof raw === 'object' && raw !== null) throw webhookError('MALFORMED_BODY', JSON_PARSED_BODY_MESSAGE);
  throw webhookError('MALFORMED_BODY', 'the webhook body is empty or not text');
}

function tooLarge(size: number, max: number) {
  return webhookError('BODY_TOO_LARGE', `the webhook body is ${size} bytes (max ${max})`);
}
