import type { SnsBody } from './sns-envelope.js';
import type { SnsSigner } from './sns-signer.js';
import type { ForgeTamper, SignedDelivery, WebhookEvent } from './webhook-types.js';

/** An AWS account that is not Immutable's: a topic there must be refused. */
const FOREIGN_TOPIC_PREFIX = 'arn:aws:sns:us-east-2:111122223333:';

/**
 * Builds a hostile SNS notification for `event`; a correct verifier must refuse each one.
 * `replay` returns, byte for byte, the last delivery already made for this `event_id`.
 */
export function forgeNotification(
  signer: SnsSigner,
  event: WebhookEvent,
  tamper: ForgeTamper,
  lastDelivered: (eventId: string) => SignedDelivery | undefined,
): SignedDelivery {
  if (tamper === 'replay') {
    const previous = lastDelivered(event.event_id);
    if (!previous) {
      throw new Error(`forge(…, 'replay'): no notification for event_id ${event.event_id} was delivered yet`);
    }
    return { body: previous.body, headers: { ...previous.headers } };
  }
  if (tamper === 'topic') {
    const topicArn = `${FOREIGN_TOPIC_PREFIX}${signer.topicArn.split(':').at(-1) ?? 'topic'}`;
    // Validly signed by the fake's key: only the topic check can catch it.
    const signed = signer.notification(event, { topicArn });
    return { body: signed.body, headers: { ...signed.headers, 'x-amz-sns-topic-arn': topicArn } };
  }
  const signed = signer.notification(event);
  const body = JSON.parse(signed.body) as SnsBody;
  if (tamper === 'signature') {
    // Flip bits in the middle of the signature: still valid base64 of the right length.
    const raw = Buffer.from(body.Signature, 'base64');
    const i = raw.length >> 1;
    raw[i] = (raw[i] ?? 0) ^ 0xff;
    body.Signature = raw.toString('base64');
  } else if (tamper === 'message') {
    const message = JSON.parse(body.Message) as WebhookEvent;
    body.Message = JSON.stringify({
      ...message,
      data: { ...message.data, status: 'succeeded', forged: true },
    });
  } else {
    body.SigningCertURL = tamper.certUrl;
  }
  return { body: JSON.stringify(body), headers: signed.headers };
}
