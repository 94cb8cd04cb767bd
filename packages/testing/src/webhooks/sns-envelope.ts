import { createHmac, type KeyObject, sign } from 'node:crypto';

/** A delivery ready to POST: the raw body text and its headers. */
export interface SignedDelivery {
  body: string;
  headers: Record<string, string>;
}

export type SignatureVersion = '1' | '2';

/** An SNS HTTP(S) message body, keys exactly as AWS sends them (REFERENCE.md §10.2). */
export interface SnsBody {
  Type: 'Notification' | 'SubscriptionConfirmation';
  MessageId: string;
  Token?: string;
  TopicArn: string;
  Subject?: string;
  Message: string;
  SubscribeURL?: string;
  Timestamp: string;
  SignatureVersion: SignatureVersion;
  Signature: string;
  SigningCertURL: string;
  UnsubscribeURL?: string;
}

export const SNS_USER_AGENT = 'Amazon Simple Notification Service Agent';

// The signed keys, in the order AWS concatenates them (REFERENCE.md §10.3 step 5).
const NOTIFICATION_KEYS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_KEYS = [
  'Message',
  'MessageId',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
] as const;

/** `key\nvalue\n` for every signed key present, in AWS's order. */
export function stringToSign(body: Omit<SnsBody, 'Signature'>): string {
  const keys = body.Type === 'Notification' ? NOTIFICATION_KEYS : CONFIRMATION_KEYS;
  let out = '';
  for (const key of keys) {
    const value = body[key];
    if (value !== undefined) out += `${key}\n${value}\n`;
  }
  return out;
}

/** Signs an SNS body: SignatureVersion 1 is RSA-SHA1, 2 is RSA-SHA256; base64 signature. */
export function signSnsBody(unsigned: Omit<SnsBody, 'Signature'>, privateKey: KeyObject): SnsBody {
  const algorithm = unsigned.SignatureVersion === '1' ? 'sha1' : 'sha256';
  const signature = sign(algorithm, Buffer.from(stringToSign(unsigned), 'utf8'), privateKey).toString(
    'base64',
  );
  // Rebuilt in AWS's key order so the JSON text looks like a real delivery.
  const body: SnsBody = {
    Type: unsigned.Type,
    MessageId: unsigned.MessageId,
    ...(unsigned.Token === undefined ? {} : { Token: unsigned.Token }),
    TopicArn: unsigned.TopicArn,
    ...(unsigned.Subject === undefined ? {} : { Subject: unsigned.Subject }),
    Message: unsigned.Message,
    ...(unsigned.SubscribeURL === undefined ? {} : { SubscribeURL: unsigned.SubscribeURL }),
    Timestamp: unsigned.Timestamp,
    SignatureVersion: unsigned.SignatureVersion,
    Signature: signature,
    SigningCertURL: unsigned.SigningCertURL,
    ...(unsigned.UnsubscribeURL === undefined ? {} : { UnsubscribeURL: unsigned.UnsubscribeURL }),
  };
  return body;
}

/** The headers SNS sends with an HTTP(S) delivery. */
export function snsHeaders(body: SnsBody, subscriptionArn: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=UTF-8',
    'user-agent': SNS_USER_AGENT,
    'x-amz-sns-message-type': body.Type,
    'x-amz-sns-message-id': body.MessageId,
    'x-amz-sns-topic-arn': body.TopicArn,
  };
  // AWS sends the subscription ARN only once the subscription exists (not on the confirmation).
  if (subscriptionArn !== undefined && body.Type === 'Notification') {
    headers['x-amz-sns-subscription-arn'] = subscriptionArn;
  }
  return headers;
}

/**
 * The HMAC scheme of Immutable's newer Hub docs (REFERENCE.md §10.4, unverified which is
 * live). The exact signature format is not published; the fake sends the lower-case hex
 * HMAC-SHA256 of the raw body bytes, keyed with the subscription's secret (UTF-8), with no
 * prefix, in `x-immutable-signature`.
 */
export function hmacDelivery(
  event: { event_name: string; event_id: string; data: unknown },
  timestamp: string,
  secret: string,
): SignedDelivery {
  const body = JSON.stringify({
    event_name: event.event_name,
    event_id: event.event_id,
    timestamp,
    data: event.data,
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'mintkit-fake-immutable-webhooks',
      'x-immutable-signature': hmacSignature(body, secret),
    },
  };
}

export function hmacSignature(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}
