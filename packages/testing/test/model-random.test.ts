import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../src/model/random.js';

describe('seeded ids', () => {
  it('is reproducible from the seed and formats v4 UUIDs', () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const ids = Array.from({ length: 50 }, () => a.uuid());
    expect(Array.from({ length: 50 }, () => b.uuid())).toEqual(ids);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(50);
    expect(createSeededRandom(43).uuid()).not.toBe(ids[0]);
    expect(a.hex(64)).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hex(5)).toMatch(/^[0-9a-f]{5}$/);
  });

  it('keeps UUIDv7-style ids strictly increasing, even for 10,000 ids in one millisecond', () => {
    const r = createSeededRandom(1);
    const ms = Date.parse('2026-01-01T00:00:00Z');
    const ids = Array.from({ length: 10_000 }, () => r.uuidV7(ms));
    ids.push(r.uuidV7(ms + 1), r.uuidV7(ms - 5));
    for (let i = 1; i < ids.length; i++)
      expect(ids[i]! > ids[i - 1]!, `${ids[i - 1]} < ${ids[i]}`).toBe(true);
    expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe(ms.toString(16).padStart(12, '0'));
    expect(ids[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
