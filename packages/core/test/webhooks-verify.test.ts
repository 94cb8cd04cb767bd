import { describe, expect, it, vi } from 'vitest';
import { createSnsVerifier, verifySnsMessage } from '../src/webhooks/verify-sns-message.js';
import { expectWebhookError, mintEvent, webhookFixture } from './helpers/webhooks-fixture.js';

describe('verifySnsMessage against the fake’s signed messages', () => {
  it.each(['1', '2'] as const)('accepts SignatureVersion %s', async (signatureVersion) => {
    const { fake, verifierOptions, fetchCertificate } = webhookFixture();
    const event = mintEvent();
    const { body } = fake.webhooks.sign(event, { signatureVersion });
    const message = await verifySnsMessage(body, verifierOptions);
    expect(message.SignatureVersion).toBe(signatureVersion);
    expect(JSON.parse(message.Message)).toEqual(event);
    expect(fetchCertificate).toHaveBeenCalledWith(fake.webhooks.signingCertUrl);
  });

  it('accepts an already-parsed object body too', async () => {
    const { fake, verifierOptions } = webhookFixture();
    const body = JSON.parse(fake.webhooks.sign(mintEvent()).body) as Record<string, unknown>;
    await expect(verifySnsMessage(body, verifierOptions)).resolves.toMatchObject({ Type: 'Notification' });
  });

  it('refuses a forged signature, a tampered Message and a foreign topic', async () => {
    const { fake, verifierOptions } = webhookFixture();
    const event = mintEvent();
    await expectWebhookError(
      () => verifySnsMessage(fake.webhooks.forge(event, 'signature').body, verifierOptions),
      'BAD_SIGNATURE',
    );
    await expectWebhookError(
      () => verifySnsMessage(fake.webhooks.forge(event, 'message').body, verifierOptions),
      'BAD_SIGNATURE',
    );
    await expectWebhookError(
      () => verifySnsMessage(fake.webhooks.forge(event, 'topic').body, verifierOptions),
      'BAD_TOPIC',
    );
  });

  it('refuses a signature made with the other version’s hash', async () => {
    const { fake, verifierOptions } = webhookFixture();
    const body = JSON.parse(fake.webhooks.sign(mintEvent(), { signatureVersion: '1' }).body) as Record<
      string,
      string
    >;
    body.SignatureVersion = '2';
    await expectWebhookError(() => verifySnsMessage(body, verifierOptions), 'BAD_SIGNATURE');
  });

  it('refuses the production topic when configured for sandbox, and the other way round', async () => {
    const sandbox = webhookFixture({ environment: 'sandbox' });
    const production = webhookFixture({ environment: 'production' });
    const { body } = production.fake.webhooks.sign(mintEvent());
    await expectWebhookError(
      () =>
        verifySnsMessage(body, {
          ...sandbox.verifierOptions,
          topicArnPrefix: sandbox.fake.webhooks.verifierOptions().topicArnPrefix,
        }),
      'BAD_TOPIC',
    );
    await expect(
      verifySnsMessage(body, { environment: 'production', fetchCertificate: production.fetchCertificate }),
    ).resolves.toBeDefined();
    await expectWebhookError(
      () => verifySnsMessage(body, { environment: 'sandbox', fetchCertificate: production.fetchCertificate }),
      'BAD_TOPIC',
    );
  });

  const hostile = [
    ['http:', 'http://sns.us-east-2.amazonaws.com/SimpleNotificationService-x.pem'],
    ['an IPv4 address', 'https://169.254.169.254/latest/meta-data/x.pem'],
    ['an IPv6 address', 'https://[::1]/x.pem'],
    ['a look-alike suffix', 'https://sns.us-east-2.amazonaws.com.evil.io/x.pem'],
    ['a look-alike TLD', 'https://sns.us-east-2.amazonaws.co/x.pem'],
    ['a look-alike prefix', 'https://evilsns.us-east-2.amazonaws.com/x.pem'],
    ['a deeper subdomain', 'https://sns.evil.us-east-2.amazonaws.com/x.pem'],
    ['userinfo', 'https://sns.us-east-2.amazonaws.com@evil.io/x.pem'],
    ['userinfo with password', 'https://sns.us-east-2.amazonaws.com:x@evil.io/x.pem'],
    ['a port', 'https://sns.us-east-2.amazonaws.com:8443/x.pem'],
    ['a trailing dot', 'https://sns.us-east-2.amazonaws.com./x.pem'],
    ['a path not ending in .pem', 'https://sns.us-east-2.amazonaws.com/x.pem.txt'],
    ['not a URL', 'sns.us-east-2.amazonaws.com/x.pem'],
    ['file:', 'file:///etc/passwd.pem'],
    ['a decimal IPv4 host', 'https://2852039166/x.pem'],
    ['a percent-encoded dot', 'https://sns.us-east-2.amazonaws.com%2eevil.io/x.pem'],
    ['a host with no region', 'https://sns.amazonaws.com/x.pem'],
  ] as const;

  it.each(hostile)('refuses a certificate URL with %s before any request', async (_label, certUrl) => {
    const { fake, verifierOptions, fetchCertificate } = webhookFixture();
    const { body } = fake.webhooks.forge(mintEvent(), { certUrl });
    await expectWebhookError(() => verifySnsMessage(body, verifierOptions), 'BAD_CERT_URL');
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('the default fetcher is never called for a refused host (global fetch spy)', async () => {
    const { fake } = webhookFixture();
    const spy = vi.spyOn(globalThis, 'fetch');
    try {
      const { body } = fake.webhooks.forge(mintEvent(), {
        certUrl: 'https://sns.us-east-2.amazonaws.com.evil.io/x.pem',
      });
      await expectWebhookError(() => verifySnsMessage(body, {}), 'BAD_CERT_URL');
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it('accepts a .com.cn host and a custom trusted host pattern', async () => {
    const { fake, verifierOptions, fetchCertificate } = webhookFixture();
    const pem = fake.webhooks.certificatePem;
    fetchCertificate.mockImplementation(async () => pem);
    const cn = fake.webhooks.forge(mintEvent(), { certUrl: 'https://sns.cn-north-1.amazonaws.com.cn/c.pem' });
    await expect(verifySnsMessage(cn.body, verifierOptions)).resolves.toBeDefined();
    const local = fake.webhooks.forge(mintEvent(), { certUrl: 'https://certs.example.test/c.pem' });
    await expectWebhookError(() => verifySnsMessage(local.body, verifierOptions), 'BAD_CERT_URL');
    const custom = { ...verifierOptions, trustedHostPattern: /^certs\.example\.test$/ };
    await expect(verifySnsMessage(local.body, custom)).resolves.toBeDefined();
    expect(fetchCertificate).toHaveBeenCalledWith('https://certs.example.test/c.pem');
  });

  it.each([
    'Message',
    'MessageId',
    'Timestamp',
    'TopicArn',
    'Type',
    'Signature',
    'SigningCertURL',
    'SignatureVersion',
  ])('refuses a message without %s', async (key) => {
    const { fake, verifierOptions, fetchCertificate } = webhookFixture();
    const body = JSON.parse(fake.webhooks.sign(mintEvent()).body) as Record<string, unknown>;
    delete body[key];
    await expectWebhookError(() => verifySnsMessage(JSON.stringify(body), verifierOptions), 'MISSING_FIELD');
    expect(fetchCertificate).not.toHaveBeenCalled();
  });

  it('refuses malformed bodies with typed errors', async () => {
    const { fake, verifierOptions } = webhookFixture();
    await expectWebhookError(() => verifySnsMessage('{not json', verifierOptions), 'MALFORMED_BODY');
    await expectWebhookError(() => verifySnsMessage('[1,2]', verifierOptions), 'MALFORMED_BODY');
    await expectWebhookError(() => verifySnsMessage('"text"', verifierOptions), 'MALFORMED_BODY');
    const body = JSON.parse(fake.webhooks.sign(mintEvent()).body) as Record<string, unknown>;
    await expectWebhookError(
      () => verifySnsMessage({ ...body, MessageId: 42 }, verifierOptions),
      'MALFORMED_BODY',
    );
    await expectWebhookError(
      () => verifySnsMessage({ ...body, SignatureVersion: '3' }, verifierOptions),
      'BAD_SIGNATURE_VERSION',
    );
    await expectWebhookError(
      () => verifySnsMessage({ ...body, Signature: 'not base64!' }, verifierOptions),
      'BAD_SIGNATURE',
    );
  });

  it('requires SubscribeURL and Token on a SubscriptionConfirmation', async () => {
    const { fake, verifierOptions } = webhookFixture();
    const body = JSON.parse(fake.webhooks.sign(mintEvent()).body) as Record<string, unknown>;
    const err = await expectWebhookError(
      () => verifySnsMessage({ ...body, Type: 'SubscriptionConfirmation' }, verifierOptions),
      'MISSING_FIELD',
    );
    expect(err.message).toMatch(/SubscribeURL/);
  });

  it('refuses stale messages only when maxMessageAgeMs is set', async () => {
    const { fake, verifierOptions } = webhookFixture();
    const { body } = fake.webhooks.sign(mintEvent(), { timestamp: '2026-01-01T00:00:00.000Z' });
    const later = { now: () => Date.parse('2026-01-01T02:00:00.000Z') };
    await expect(verifySnsMessage(body, { ...verifierOptions, clock: later })).resolves.toBeDefined();
    await expectWebhookError(
      () => verifySnsMessage(body, { ...verifierOptions, clock: later, maxMessageAgeMs: 3_600_000 }),
      'STALE_MESSAGE',
    );
  });

  it('fetches a certificate once for many concurrent messages', async () => {
    const { fake, verifierOptions, fetchCertificate } = webhookFixture();
    const verifier = createSnsVerifier(verifierOptions);
    const bodies = Array.from({ length: 20 }, () => fake.webhooks.sign(mintEvent()).body);
    await Promise.all(bodies.map((b) => verifier.verify(b)));
    await verifier.verify(fake.webhooks.sign(mintEvent()).body);
    expect(fetchCertificate).toHaveBeenCalledTimes(1);
  });

  it('keeps at most certificateCacheSize certificates (LRU)', async () => {
    const { fake, verifierOptions, fetchCertificate } = webhookFixture();
    const pem = fake.webhooks.certificatePem;
    fetchCertificate.mockImplementation(async () => pem);
    const verifier = createSnsVerifier({ ...verifierOptions, certificateCacheSize: 2 });
    const at = (region: string) =>
      verifier.verify(
        fake.webhooks.forge(mintEvent(), { certUrl: `https://sns.${region}.amazonaws.com/c.pem` }).body,
      );
    await at('us-east-1');
    await at('us-east-2');
    await at('us-east-1'); // touch: us-east-2 is now the eldest
    await at('eu-west-1'); // evicts us-east-2
    expect(fetchCertificate).toHaveBeenCalledTimes(3);
    await at('us-east-1');
    expect(fetchCertificate).toHaveBeenCalledTimes(3);
    await at('us-east-2');
    expect(fetchCertificate).toHaveBeenCalledTimes(4);
  });

  it('reports a failed download as CERT_FETCH_FAILED and does not cache the failure', async () => {
    const { fake, verifierOptions, fetchCertificate } = webhookFixture();
    fetchCertificate.mockRejectedValueOnce(new Error('ECONNRESET'));
    const verifier = createSnsVerifier(verifierOptions);
    const { body } = fake.webhooks.sign(mintEvent());
    await expectWebhookError(() => verifier.verify(body), 'CERT_FETCH_FAILED');
    await expect(verifier.verify(body)).resolves.toBeDefined();
    fetchCertificate.mockResolvedValueOnce('not a certificate');
    const other = fake.webhooks.forge(mintEvent(), { certUrl: 'https://sns.eu-west-1.amazonaws.com/c.pem' });
    await expectWebhookError(() => verifier.verify(other.body), 'CERT_FETCH_FAILED');
  });

  it('rejects invalid options up front', () => {
    expect(() => createSnsVerifier({ certificateCacheSize: 0 })).toThrow(TypeError);
    expect(() => createSnsVerifier({ topicArnPrefix: '' })).toThrow(TypeError);
  });
});
