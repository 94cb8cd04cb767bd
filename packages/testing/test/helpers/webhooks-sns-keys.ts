/** The body keys of an SNS SubscriptionConfirmation, in the order AWS sends them. */
export const CONFIRMATION_KEYS = [
  'Type',
  'MessageId',
  'Token',
  'TopicArn',
  'Message',
  'SubscribeURL',
  'Timestamp',
  'SignatureVersion',
  'Signature',
  'SigningCertURL',
];
