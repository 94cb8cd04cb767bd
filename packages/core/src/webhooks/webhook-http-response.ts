import { JSON_PARSED_BODY_MESSAGE } from './raw-body.js';
import { isMalformedCode } from './webhook-error-codes.js';
import { isWebhookRefusal, type WebhookResult } from './webhook-receiver.js';

/** The HTTP answer an adapter gives: status and a small JSON body (never the event itself). */
export interface WebhookHttpResponse {
  status: number;
  body: { ok: boolean; kind?: string; error?: string; message?: string };
}

/**
 * Maps a result or error to HTTP, the same way in every adapter:
 * 200 applied / duplicate / ignored / confirmed; 400 malformed; 413 too large;
 * 403 refused (signature, certificate URL, topic, staleness, SubscribeURL);
 * 502 confirmation GET failed and 503 certificate download failed (both worth a retry by the sender);
 * 500 the application's callback threw (the sender retries; the dedupe entry was released).
 */
export function toHttpResponse(outcome: { result: WebhookResult } | { error: unknown }): WebhookHttpResponse {
  if ('result' in outcome) {
    const { result } = outcome;
    if (result.kind === 'subscription-failed') {
      const status = result.error.code === 'SUBSCRIPTION_FAILED' ? 502 : 403;
      return { status, body: { ok: false, kind: result.kind, error: result.error.code } };
    }
    return { status: 200, body: { ok: true, kind: result.kind } };
  }
  const { error } = outcome;
  if (isWebhookRefusal(error)) {
    const status =
      error.code === 'BODY_TOO_LARGE'
        ? 413
        : isMalformedCode(error.code)
          ? 400
          : error.code === 'CERT_FETCH_FAILED'
            ? 503
            : 403;
    return { status, body: { ok: false, error: error.code, message: error.message } };
  }
  // The details of an application error stay on the server.
  return { status: 500, body: { ok: false, error: 'INTERNAL_ERROR' } };
}

/** The answer for a route whose body a JSON parser already consumed (a setup mistake). */
export const parsedBodyResponse: WebhookHttpResponse = {
  status: 500,
  body: { ok: false, error: 'BODY_ALREADY_PARSED', message: JSON_PARSED_BODY_MESSAGE },
};

/** The answer for a body over `maxBodyBytes` that an adapter refused to buffer. */
export const bodyTooLargeResponse: WebhookHttpResponse = {
  status: 413,
  body: { ok: false, error: 'BODY_TOO_LARGE' },
};
