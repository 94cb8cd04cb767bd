import type { WebhookVerificationError } from '../errors/errors.js';
import type { SnsMessage } from './sns-message.js';
import { DEFAULT_TRUSTED_SNS_HOST, refuseUntrustedSnsUrl } from './trusted-url.js';
import { webhookError } from './webhook-error-codes.js';

/** How a `SubscriptionConfirmation` went; reported to `onConfirmation` and in the result. */
export type SubscriptionOutcome =
  | { confirmed: true; topicArn: string; messageId: string; status: number }
  | { confirmed: false; topicArn: string; messageId: string; error: WebhookVerificationError };

/**
 * GETs `SubscribeURL` and waits for the answer (the official handler fires it and forgets,
 * so a failed confirmation went unnoticed). Never throws: the outcome says what happened.
 */
export async function confirmSubscription(
  message: SnsMessage,
  o: {
    fetch?: typeof fetch | undefined;
    allowedSubscribeUrl?: ((url: string) => boolean) | undefined;
    trustedHostPattern?: RegExp | undefined;
    confirmTimeoutMs?: number | undefined;
  },
): Promise<SubscriptionOutcome> {
  const base = { topicArn: message.TopicArn, messageId: message.MessageId };
  const url = message.SubscribeURL ?? '';
  const allowed = o.allowedSubscribeUrl
    ? o.allowedSubscribeUrl(url)
    : refuseUntrustedSnsUrl(url, o.trustedHostPattern ?? DEFAULT_TRUSTED_SNS_HOST, false) === null;
  if (!allowed) {
    return {
      ...base,
      confirmed: false,
      error: webhookError('BAD_SUBSCRIBE_URL', 'SubscribeURL is not an allowed URL'),
    };
  }
  try {
    const doFetch = o.fetch ?? globalThis.fetch;
    const response = await doFetch(url, {
      method: 'GET',
      redirect: 'error',
      signal: AbortSignal.timeout(o.confirmTimeoutMs ?? 10_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status < 200 || response.status > 299) {
      return {
        ...base,
        confirmed: false,
        error: webhookError('SUBSCRIPTION_FAILED', `confirming the subscription answered ${response.status}`),
      };
    }
    return { ...base, confirmed: true, status: response.status };
  } catch (cause) {
    return {
      ...base,
      confirmed: false,
      error: webhookError('SUBSCRIPTION_FAILED', 'confirming the subscription failed', cause),
    };
  }
}
