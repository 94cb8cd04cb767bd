import { z } from 'zod';
import { webhookError } from './webhook-error-codes.js';

/** An AWS SNS HTTP(S) message (REFERENCE.md §10.2); unknown keys are kept but not trusted. */
export interface SnsMessage {
  Type: string;
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string | undefined;
  SubscribeURL?: string | undefined;
  Token?: string | undefined;
  UnsubscribeURL?: string | undefined;
}

const REQUIRED = [
  'Message',
  'MessageId',
  'Timestamp',
  'TopicArn',
  'Type',
  'Signature',
  'SigningCertURL',
  'SignatureVersion',
] as const;
const REQUIRED_FOR_CONFIRMATIONS = ['SubscribeURL', 'Token'] as const;
const OPTIONAL = ['Subject', 'UnsubscribeURL'] as const;

const CONFIRMATION_TYPES = new Set(['SubscriptionConfirmation', 'UnsubscribeConfirmation']);

// AWS's canonical orders. UnsubscribeConfirmation is signed like SubscriptionConfirmation
// (AWS signs its Token); sns-validator gets this wrong (REFERENCE.md §10.3 step 5).
const NOTIFICATION_SIGNED = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_SIGNED = [
  'Message',
  'MessageId',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
] as const;

const stringField = z.string();

/**
 * Parses and shape-checks an SNS body: JSON object, every required key present and a string.
 * Throws `WebhookVerificationError` (`MALFORMED_BODY` / `MISSING_FIELD`).
 */
export function parseSnsMessage(body: string | Record<string, unknown>): SnsMessage {
  let value: unknown = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch (cause) {
      throw webhookError('MALFORMED_BODY', 'webhook body is not JSON', cause);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw webhookError('MALFORMED_BODY', 'webhook body is not a JSON object');
  }
  const record = value as Record<string, unknown>;
  const required: string[] = [...REQUIRED];
  if (typeof record.Type === 'string' && CONFIRMATION_TYPES.has(record.Type))
    required.push(...REQUIRED_FOR_CONFIRMATIONS);
  const out: Record<string, string> = {};
  for (const key of required) {
    if (record[key] === undefined || record[key] === null)
      throw webhookError('MISSING_FIELD', `SNS message has no ${key}`);
    const parsed = stringField.safeParse(record[key]);
    if (!parsed.success) throw webhookError('MALFORMED_BODY', `SNS message field ${key} is not a string`);
    out[key] = parsed.data;
  }
  for (const key of OPTIONAL) {
    const v = record[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string')
      throw webhookError('MALFORMED_BODY', `SNS message field ${key} is not a string`);
    out[key] = v;
  }
  return out as unknown as SnsMessage;
}

/** The bytes SNS signed: `key\nvalue\n` for each signed key present, in AWS's order. */
export function snsStringToSign(message: SnsMessage): string {
  const keys = CONFIRMATION_TYPES.has(message.Type) ? CONFIRMATION_SIGNED : NOTIFICATION_SIGNED;
  let out = '';
  for (const key of keys) {
    const value = message[key];
    if (value !== undefined) out += `${key}\n${value}\n`;
  }
  return out;
}
