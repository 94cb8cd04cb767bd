import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMintkitError } from '../src/index.js';
import { hostileWebhookRig } from './helpers/reliability-webhooks.js';

// Random webhook bodies and headers: the receiver answers with a typed refusal (or a
// harmless "ignored"/"duplicate"), applies nothing it cannot verify, and fetches nothing
// from a host that is not allowed.

const SNS_KEYS = [
  'Type',
  'MessageId',
  'TopicArn',
  'Subject',
  'Message',
  'Timestamp',
  'SignatureVersion',
  'Signature',
  'SigningCertURL',
  'UnsubscribeURL',
  'SubscribeURL',
  'Token',
] as const;
const headers = fc.dictionary(
  fc.oneof(
    fc.constantFrom('x-amz-sns-message-type', 'x-immutable-signature', 'content-type'),
    fc.string({ maxLength: 20 }),
  ),
  fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.array(fc.string({ maxLength: 10 }), { maxLength: 2 }),
    fc.constant(undefined),
  ),
  { maxKeys: 4 },
);

describe('fuzz: webhook bodies and headers', () => {
  it('random bodies and mutated genuine messages: typed refusals only, nothing forged applied, no untrusted fetch', async () => {
    const rig = await hostileWebhookRig();
    const { h, genuine } = rig;
    const genuineBody = JSON.parse(h.fake.webhooks.sign(genuine).body) as Record<string, unknown>;
    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.json({ maxDepth: 3 }),
      fc.uint8Array({ maxLength: 300 }),
      // A genuine SNS envelope with one field replaced: a signature covers what matters.
      fc
        .record({
          key: fc.constantFrom(...SNS_KEYS),
          value: fc.oneof(fc.string({ maxLength: 80 }), fc.anything()),
        })
        .map(({ key, value }) => JSON.stringify({ ...genuineBody, [key]: value })),
      // ... or its Message swapped for an event that was never signed.
      fc
        .record({
          status: fc.constantFrom('succeeded', 'failed', 'pending', 'bogus'),
          token: fc.string({ maxLength: 5 }),
        })
        .map(({ status, token }) =>
          JSON.stringify({
            ...genuineBody,
            Message: JSON.stringify({ ...genuine, data: { ...genuine.data, status, token_id: token } }),
          }),
        ),
    );
    const seen = { refused: 0, resolved: 0 };
    await fc.assert(
      fc.asyncProperty(body, headers, async (b, hd) => {
        try {
          const result = await h.minter.webhooks.handle(b, hd);
          seen.resolved++;
          // Only the genuine content can ever be applied (a field outside the signature may vary).
          if (result.kind === 'mint-request-updated') expect(result.update.tokenId).toBe('1');
        } catch (error) {
          seen.refused++;
          expect(isMintkitError(error) && error.name === 'WebhookVerificationError', String(error)).toBe(
            true,
          );
        }
      }),
      { numRuns: 400, seed: 99 },
    );
    expect(seen.refused).toBeGreaterThan(300);
    for (const m of h.of('minted')) expect(m.tokenId).toBe('1');
    for (const [url] of rig.fetchCertificate.mock.calls) expect(url).toBe(h.fake.webhooks.signingCertUrl);
    expect(rig.confirmFetch).not.toHaveBeenCalled();
    expect(rig.globalFetch).not.toHaveBeenCalled();
    await rig.close();
  });
});
