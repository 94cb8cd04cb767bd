import { createHmac, createVerify, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../src/clock/manual-clock.js';
import { createSeededRandom } from '../src/model/random.js';
import { createFakeWebhooks } from '../src/webhooks/create-fake-webhooks.js';
import type { WebhookEvent } from '../src/webhooks/webhook-types.js';
import { CONFIRMATION_KEYS } from './helpers/webhooks-sns-keys.js';

function setup(environment: 'sandbox' | 'production' = 'sandbox') {
  const clock = createManualClock();
  const listeners = new Set<(e: WebhookEvent) => void>();
  const webhooks = createFakeWebhooks({
    clock,
    random: createSeededRandom(7),
    environment,
    onModelEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  });
  const received: Array<{ headers: Headers; body: string }> = [];
  const handler = async (request: Request) => {
    received.push({ headers: request.headers, body: await request.text() });
    return new Response(null, { status: 200 });
  };
  const emit = (e: WebhookEvent) => {
    for (const l of listeners) l(e);
  };
  return { clock, webhooks, received, handler, emit, listeners };
}

const event: WebhookEvent = {
  event_name: 'imtbl_zkevm_mint_request_updated',
  event_id: '0194f8a0-0000-7000-8000-000000000001',
  chain: 'imtbl-zkevm-testnet',
  data: { reference_id: 'r1', status: 'pending', contract_address: '0xabc' },
};

// Written out independently of the fake's code, from REFERENCE.md §10.3 step 5.
function expectedStringToSign(body: Record<string, string>): string {
  const keys =
    body.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return keys
    .filter((k) => body[k] !== undefined)
    .map((k) => `${k}\n${body[k]}\n`)
    .join('');
}

function verifies(body: Record<string, string>, pem: string): boolean {
  const algorithm = body.SignatureVersion === '1' ? 'RSA-SHA1' : 'RSA-SHA256';
  return createVerify(algorithm)
    .update(expectedStringToSign(body), 'utf8')
    .verify(pem, body.Signature ?? '', 'base64');
}

describe('fake webhooks: SNS signing', () => {
  it('serves a parseable self-signed certificate valid around the manual clock', () => {
    const { webhooks, clock } = setup();
    const cert = new X509Certificate(webhooks.certificatePem);
    expect(Date.parse(cert.validFrom)).toBeLessThan(clock.now());
    expect(Date.parse(cert.validTo)).toBeGreaterThan(clock.now() + 50 * 365 * 86_400_000);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(webhooks.signingCertUrl).toBe(
      'https://sns.us-east-2.amazonaws.com/SimpleNotificationService-mintkit-fake.pem',
    );
  });

  it.each(['1', '2'] as const)(
    'signs the confirmation and notifications with SignatureVersion %s',
    async (v) => {
      const { webhooks, received, handler, emit } = setup();
      webhooks.subscribe(handler, { signatureVersion: v });
      await webhooks.flush();
      expect(received).toHaveLength(1);
      const confirmation = JSON.parse(received[0]!.body) as Record<string, string>;
      expect(Object.keys(confirmation)).toEqual(CONFIRMATION_KEYS);
      expect(confirmation.SignatureVersion).toBe(v);
      expect(verifies(confirmation, webhooks.certificatePem)).toBe(true);

      webhooks.confirmSubscription(confirmation.Token!);
      emit(event);
      await webhooks.flush();
      expect(received).toHaveLength(2);
      const note = JSON.parse(received[1]!.body) as Record<string, string>;
      expect(Object.keys(note)).toEqual([
        'Type',
        'MessageId',
        'TopicArn',
        'Message',
        'Timestamp',
        'SignatureVersion',
        'Signature',
        'SigningCertURL',
        'UnsubscribeURL',
      ]);
      expect(JSON.parse(note.Message!)).toEqual(event);
      expect(verifies(note, webhooks.certificatePem)).toBe(true);
      // The other algorithm must not verify: the version really selects the hash.
      expect(verifies({ ...note, SignatureVersion: v === '1' ? '2' : '1' }, webhooks.certificatePem)).toBe(
        false,
      );
    },
  );

  it('sends the SNS headers and a text/plain body', async () => {
    const { webhooks, received, handler, emit } = setup();
    const sub = webhooks.subscribe(handler);
    await webhooks.flush();
    const token = (JSON.parse(received[0]!.body) as { Token: string }).Token;
    expect(received[0]!.headers.get('x-amz-sns-message-type')).toBe('SubscriptionConfirmation');
    webhooks.confirmSubscription(token);
    emit(event);
    await webhooks.flush();
    const h = received[1]!.headers;
    const body = JSON.parse(received[1]!.body) as Record<string, string>;
    expect(h.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(h.get('user-agent')).toBe('Amazon Simple Notification Service Agent');
    expect(h.get('x-amz-sns-message-type')).toBe('Notification');
    expect(h.get('x-amz-sns-message-id')).toBe(body.MessageId);
    expect(h.get('x-amz-sns-topic-arn')).toBe(webhooks.topicArn);
    expect(h.get('x-amz-sns-subscription-arn')).toBe(sub.subscriptionArn);
  });

  it('uses the environment topic prefix and answers only its own certificate URL offline', async () => {
    const sandbox = setup('sandbox').webhooks;
    const production = setup('production').webhooks;
    expect(sandbox.topicArn).toBe('arn:aws:sns:us-east-2:783421985614:imtbl-webhooks-fake');
    expect(production.topicArn).toBe('arn:aws:sns:us-east-2:362750628221:imtbl-webhooks-fake');
    const v = production.verifierOptions();
    expect(v.topicArnPrefix).toBe('arn:aws:sns:us-east-2:362750628221:');
    await expect(v.fetchCertificate(production.signingCertUrl)).resolves.toBe(production.certificatePem);
    await expect(v.fetchCertificate('https://sns.us-east-1.amazonaws.com/other.pem')).rejects.toThrow(
      /no certificate/,
    );
  });

  it('HMAC mode posts JSON {event_name, event_id, timestamp, data} with a hex HMAC-SHA256 header', async () => {
    const { webhooks, received, handler, emit, clock } = setup();
    webhooks.subscribe(handler, { mode: 'hmac', secret: 'whsec_test' });
    emit(event);
    await webhooks.flush();
    expect(received).toHaveLength(1);
    const { body, headers } = received[0]!;
    expect(JSON.parse(body)).toEqual({
      event_name: event.event_name,
      event_id: event.event_id,
      timestamp: new Date(clock.now()).toISOString(),
      data: event.data,
    });
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('x-immutable-signature')).toBe(
      createHmac('sha256', 'whsec_test').update(body).digest('hex'),
    );
  });

  it('refuses HMAC mode without a secret', () => {
    const { webhooks, handler } = setup();
    expect(() => webhooks.subscribe(handler, { mode: 'hmac' })).toThrow(/secret/);
  });

  it('forges messages that differ from a valid one exactly where promised', async () => {
    const { webhooks, handler, received, emit } = setup();
    const pem = webhooks.certificatePem;
    const sig = JSON.parse(webhooks.forge(event, 'signature').body) as Record<string, string>;
    expect(verifies(sig, pem)).toBe(false);
    const msg = JSON.parse(webhooks.forge(event, 'message').body) as Record<string, string>;
    expect(verifies(msg, pem)).toBe(false);
    expect(JSON.parse(msg.Message!).data.forged).toBe(true);
    const topic = JSON.parse(webhooks.forge(event, 'topic').body) as Record<string, string>;
    expect(verifies(topic, pem)).toBe(true);
    expect(topic.TopicArn!.startsWith('arn:aws:sns:us-east-2:783421985614:')).toBe(false);
    const cert = JSON.parse(webhooks.forge(event, { certUrl: 'http://10.0.0.1/x.pem' }).body) as Record<
      string,
      string
    >;
    expect(cert.SigningCertURL).toBe('http://10.0.0.1/x.pem');

    expect(() => webhooks.forge(event, 'replay')).toThrow(/no notification/);
    webhooks.subscribe(handler);
    await webhooks.flush();
    webhooks.confirmSubscription((JSON.parse(received[0]!.body) as { Token: string }).Token);
    emit(event);
    await webhooks.flush();
    expect(webhooks.forge(event, 'replay').body).toBe(received[1]!.body);
  });
});
