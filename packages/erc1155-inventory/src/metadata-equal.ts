/**
 * Whether two metadata documents say the same thing. Key order does not matter, and a
 * missing key, `undefined` and `null` are the same ("no value"), because the API stores them
 * alike. Hand-written (a dozen lines) rather than a deep-equal dependency because of that
 * null rule, which no general-purpose library applies.
 */
export function metadataEqual(a: unknown, b: unknown): boolean {
  return canonicalMetadata(a) === canonicalMetadata(b);
}

/** A string equal for two documents exactly when `metadataEqual` says they are. */
export function canonicalMetadata(value: unknown): string {
  return JSON.stringify(normalise(value)) ?? 'null';
}

function normalise(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = normalise((value as Record<string, unknown>)[key]);
    if (v !== null) out[key] = v;
  }
  return out;
}
