import { createFakeImmutableApi } from '@mintkit/testing';
import { vi } from 'vitest';
import { isMintkitError } from '../../src/errors/mintkit-error.js';

/** An Immutable event as the fake publishes it (REFERENCE.md §10.5). */
export interface FakeEvent {
  event_name: string;
  event_id: string;
  chain: string;
  data: Record<string, unknown>;
}

let counter = 0;

/** A fake API (manual clock, no auto-settle) plus a spied certificate fetcher for its webhooks. */
export function webhookFixture(options: Parameters<typeof createFakeImmutableApi>[0] = {}) {
  const fake = createFakeImmutableApi({ latencyMs: null, ...options });
  const verifier = fake.webhooks.verifierOptions();
  const fetchCertificate = vi.fn(verifier.fetchCertificate);
  return { fake, fetchCertificate, verifierOptions: { ...verifier, fetchCertificate } };
}

export function mintEvent(overrides: Record<string, unknown> = {}, eventId = `evt-${++counter}`): FakeEvent {
  return {
    event_name: 'imtbl_zkevm_mint_request_updated',
    event_id: eventId,
    chain: 'imtbl-zkevm-testnet',
    data: {
      chain: { id: 'eip155:13473', name: 'imtbl-zkevm-testnet' },
      contract_address: '0x721000000000000000000000000000000000fa4e',
      owner_address: '0x0000000000000000000000000000000000000a11',
      reference_id: `ref-${counter}`,
      metadata_id: null,
      token_id: '7',
      status: 'succeeded',
      transaction_hash: '0xabc',
      activity_id: 'act-1',
      error: null,
      created_at: '2026-01-01T00:00:00.000000Z',
      updated_at: '2026-01-01T00:00:02.000000Z',
      ...overrides,
    },
  };
}

/** Runs `fn`, expecting a WebhookVerificationError with `code`; returns the error. */
export async function expectWebhookError(fn: () => Promise<unknown>, code: string): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    if (!isMintkitError(error) || error.name !== 'WebhookVerificationError' || error.code !== code) {
      throw new Error(
        `expected WebhookVerificationError ${code}, got ${String(error)} (${(error as { code?: string }).code})`,
      );
    }
    return error;
  }
  throw new Error(`expected WebhookVerificationError ${code}, but it resolved`);
}
