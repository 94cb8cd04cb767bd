import { signingKey } from './signing-key.js';
import {
  type SignatureVersion,
  type SignedDelivery,
  type SnsBody,
  signSnsBody,
  snsHeaders,
} from './sns-envelope.js';
import type { WebhookClock, WebhookEvent } from './webhook-types.js';

/** Builds signed SNS messages for one fake topic. */
export interface SnsSigner {
  readonly topicArn: string;
  readonly signingCertUrl: string;
  /** `event` as an object, or the exact `Message` text (to test receivers against non-JSON messages). */
  notification(event: WebhookEvent | string, o?: NotificationOptions): SignedDelivery & { messageId: string };
  confirmation(o: {
    token: string;
    signatureVersion: SignatureVersion;
  }): SignedDelivery & { messageId: string };
  /** Re-signs an arbitrary body (for tests that build hostile messages by hand). */
  sign(unsigned: Omit<SnsBody, 'Signature'>, subscriptionArn?: string): SignedDelivery;
}

export interface NotificationOptions {
  signatureVersion?: SignatureVersion | undefined;
  messageId?: string | undefined;
  topicArn?: string | undefined;
  timestamp?: string | undefined;
  subscriptionArn?: string | undefined;
}

export function createSnsSigner(o: {
  topicArn: string;
  signingCertUrl: string;
  /** Read per confirmation: the fake's listening URL can change after the signer is made. */
  confirmUrlBase: () => string;
  clock: WebhookClock;
  uuid: () => string;
}): SnsSigner {
  const region = o.topicArn.split(':')[3] ?? 'us-east-2';
  const sign = (unsigned: Omit<SnsBody, 'Signature'>, subscriptionArn?: string): SignedDelivery => {
    const body = signSnsBody(unsigned, signingKey().privateKey);
    return { body: JSON.stringify(body), headers: snsHeaders(body, subscriptionArn) };
  };
  return {
    topicArn: o.topicArn,
    signingCertUrl: o.signingCertUrl,
    sign,
    notification(event, n = {}) {
      const messageId = n.messageId ?? o.uuid();
      const subscriptionArn = n.subscriptionArn ?? `${o.topicArn}:${o.uuid()}`;
      const signed = sign(
        {
          Type: 'Notification',
          MessageId: messageId,
          TopicArn: n.topicArn ?? o.topicArn,
          Message: typeof event === 'string' ? event : JSON.stringify(event),
          Timestamp: n.timestamp ?? new Date(o.clock.now()).toISOString(),
          SignatureVersion: n.signatureVersion ?? '2',
          SigningCertURL: o.signingCertUrl,
          UnsubscribeURL: `https://sns.${region}.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(subscriptionArn)}`,
        },
        subscriptionArn,
      );
      return { ...signed, messageId };
    },
    confirmation({ token, signatureVersion }) {
      const messageId = o.uuid();
      const query = new URLSearchParams({
        Action: 'ConfirmSubscription',
        TopicArn: o.topicArn,
        Token: token,
      });
      const signed = sign({
        Type: 'SubscriptionConfirmation',
        MessageId: messageId,
        Token: token,
        TopicArn: o.topicArn,
        Message: `You have chosen to subscribe to the topic ${o.topicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
        SubscribeURL: `${o.confirmUrlBase()}?${query}`,
        Timestamp: new Date(o.clock.now()).toISOString(),
        SignatureVersion: signatureVersion,
        SigningCertURL: o.signingCertUrl,
      });
      return { ...signed, messageId };
    },
  };
}
