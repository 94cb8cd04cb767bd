import { describe, expect, it } from 'vitest';
import { createMinter, type MinterOptions, ValidationError } from '../src/index.js';

const fieldOf = (o: unknown) => {
  try {
    createMinter(o as MinterOptions);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).field;
  }
  throw new Error('createMinter accepted invalid options');
};

describe('createMinter options', () => {
  it('names the option for each mistake', () => {
    expect(fieldOf(undefined)).toBe('options');
    expect(fieldOf({})).toBe('options.apiKey');
    expect(fieldOf({ apiKey: '' })).toBe('options.apiKey');
    expect(fieldOf({ apiKey: 'k', environment: 'staging' })).toBe('options.environment');
    expect(fieldOf({ apiKey: 'k', environment: { baseUrl: 'http://api.example.com', chainName: 'c' } })).toBe(
      'options.environment.baseUrl',
    );
    expect(fieldOf({ apiKey: 'k', tier: 'gold' })).toBe('options.tier');
    expect(fieldOf({ apiKey: 'k', tier: { ratePerMinute: 0, burst: 10 } })).toBe(
      'options.tier.ratePerMinute',
    );
    expect(fieldOf({ apiKey: 'k', batch: { maxSize: 101 } })).toBe('options.batch.maxSize');
    expect(fieldOf({ apiKey: 'k', concurrency: 0 })).toBe('options.concurrency');
    expect(fieldOf({ apiKey: 'k', fetch: 'nope' })).toBe('options.fetch');
    expect(fieldOf({ apiKey: 'k', collections: { '0xabc': 'ERC20' } })).toBe('options.collections.0xabc');
  });

  it('accepts loopback http and the named environments, without creating any timer', () => {
    const timers = { set: 0 };
    const clock = { now: () => 0, setTimeout: () => void timers.set++, clearTimeout: () => {} };
    for (const environment of [
      'sandbox',
      'production',
      { baseUrl: 'http://127.0.0.1:4010', chainName: 'x' },
    ] as const) {
      const m = createMinter({ apiKey: 'key-1234', environment, clock });
      expect(m.stats().queued).toBe(0);
    }
    expect(timers.set).toBe(0);
  });
});
