import { describe, expect, it } from 'vitest';
import { isMintkitError } from '../src/index.js';
import { hostileWebhookRig } from './helpers/reliability-webhooks.js';

// The receiver's own tests (webhooks-verify, webhooks-receiver, webhooks-certificates,
// webhooks-adapters) cover each check in isolation. These drive the attacks through
// `minter.webhooks.handle`, where a forgery would do harm: nothing may reach the tracker,
// no event may fire, and nothing may be fetched from a host that is not allowed.

const codeOf = (e: unknown) =>
  isMintkitError(e) && e.name === 'WebhookVerificationError' ? e.code : `untyped: ${String(e)}`;

describe('hostile webhooks through minter.webhooks.handle', () => {
  it('refuses every forgery with a typed error, applies none, and fetches nothing from untrusted hosts', async () => {
    const rig = await hostileWebhookRig();
    const { h, genuine } = rig;
    const forge = (tamper: Parameters<typeof h.fake.webhooks.forge>[1]) =>
      h.fake.webhooks.forge(genuine, tamper);
    const attacks: Array<[string, string, string]> = [
      ['forged signature', forge('signature').body, 'BAD_SIGNATURE'],
      ['tampered message', forge('message').body, 'BAD_SIGNATURE'],
      ['foreign TopicArn', forge('topic').body, 'BAD_TOPIC'],
      [
        'http: cert URL',
        forge({ certUrl: 'http://sns.us-east-2.amazonaws.com/SimpleNotificationService-x.pem' }).body,
        'BAD_CERT_URL',
      ],
      [
        'IP-address cert URL',
        forge({ certUrl: 'https://169.254.169.254/latest/x.pem' }).body,
        'BAD_CERT_URL',
      ],
      [
        'look-alike cert host',
        forge({ certUrl: 'https://sns.us-east-2.amazonaws.com.evil.io/x.pem' }).body,
        'BAD_CERT_URL',
      ],
      [
        'userinfo cert host',
        forge({ certUrl: 'https://sns.us-east-2.amazonaws.com@evil.io/x.pem' }).body,
        'BAD_CERT_URL',
      ],
      ['oversized body', ' '.repeat(256 * 1024 + 1), 'BODY_TOO_LARGE'],
      ['oversized binary body', 'x'.repeat(300 * 1024), 'BODY_TOO_LARGE'],
      ['not JSON', '<xml/>', 'MALFORMED_BODY'],
    ];
    for (const [label, body, code] of attacks) {
      const outcome = await h.minter.webhooks
        .handle(body, { 'x-amz-sns-message-type': 'Notification' })
        .then((r) => `resolved ${r.kind}`, codeOf);
      expect(outcome, label).toBe(code);
    }
    expect(h.of('statusChanged')).toEqual([]);
    expect(h.of('minted')).toEqual([]);
    expect(h.of('webhook')).toEqual([]);
    let settled = false;
    void rig.receipt.settled.then(() => {
      settled = true;
    });
    await h.tick(1_000);
    expect(settled).toBe(false);
    // Only the trusted certificate was ever fetched; nothing went out through global fetch.
    for (const [url] of rig.fetchCertificate.mock.calls) expect(url).toBe(h.fake.webhooks.signingCertUrl);
    expect(rig.confirmFetch).not.toHaveBeenCalled();
    expect(rig.globalFetch).not.toHaveBeenCalled();

    // The rig is live: the genuine message applies once, and its replay is only a duplicate.
    const signed = h.fake.webhooks.sign(genuine);
    await expect(h.minter.webhooks.handle(signed.body, signed.headers)).resolves.toMatchObject({
      kind: 'mint-request-updated',
    });
    await expect(h.minter.webhooks.handle(signed.body, signed.headers)).resolves.toMatchObject({
      kind: 'duplicate',
    });
    const resent = h.fake.webhooks.sign(genuine); // same event_id under a new MessageId
    await expect(h.minter.webhooks.handle(resent.body, resent.headers)).resolves.toMatchObject({
      kind: 'duplicate',
    });
    await expect(rig.receipt.settled).resolves.toMatchObject({
      status: 'succeeded',
      referenceId: 'hostile-1',
    });
    expect(h.of('minted')).toHaveLength(1);
    expect(rig.globalFetch).not.toHaveBeenCalled();
    await rig.close();
  });

  it('a second terminal message (replayed or reordered, validly signed) never flips a settled mint', async () => {
    const rig = await hostileWebhookRig();
    const { h, genuine } = rig;
    const failed = {
      ...genuine,
      event_id: 'evt-failed',
      data: { ...genuine.data, status: 'failed', token_id: null, error: { message: 'x' } },
    };
    const signedFailed = h.fake.webhooks.sign(failed);
    await h.minter.webhooks.handle(signedFailed.body, signedFailed.headers);
    await expect(rig.receipt.settled).resolves.toMatchObject({ status: 'failed' });
    // A later (or replayed) terminal message never reverts a terminal state.
    const signedSucceeded = h.fake.webhooks.sign(genuine);
    await h.minter.webhooks.handle(signedSucceeded.body, signedSucceeded.headers);
    expect(h.of('minted')).toEqual([]);
    expect(h.of('failed')).toHaveLength(1);
    await rig.close();
  });
});
