import type { FakeBehaviour } from './behaviour.js';
import { fieldError } from './http-error.js';

/** The seven metadata keys of `NFTMetadataRequest`, in the spec's order. */
export const METADATA_KEYS = [
  'name',
  'description',
  'image',
  'external_url',
  'animation_url',
  'youtube_url',
  'attributes',
] as const;
const STRING_KEYS = METADATA_KEYS.slice(0, 6) as ReadonlyArray<Exclude<MetadataKey, 'attributes'>>;
type MetadataKey = (typeof METADATA_KEYS)[number];
const KNOWN = new Set<string>(METADATA_KEYS);
const DISPLAY_TYPES = new Set(['number', 'boost_percentage', 'boost_number', 'date']);

export interface MetadataAttribute {
  trait_type: string;
  value: string | number | boolean;
  display_type?: string | null;
}

/** Metadata after validation: all seven keys present, unknown keys dropped. */
export interface NormalisedMetadata {
  name: string | null;
  description: string | null;
  image: string | null;
  external_url: string | null;
  animation_url: string | null;
  youtube_url: string | null;
  attributes: MetadataAttribute[] | null;
}

interface Where {
  /** Field prefix, e.g. `assets[3].metadata`. */
  path: string;
  index?: number | undefined;
  referenceId?: string | undefined;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates one metadata object by hand (it runs for every asset on the hot path) and
 * returns it normalised. `requireAllKeys` is the refresh rule (all seven keys present).
 */
export function parseMetadata(
  raw: unknown,
  where: Where,
  o: { behaviour: FakeBehaviour; requireAllKeys: boolean; strict: boolean; skipKeys?: ReadonlySet<string> },
): NormalisedMetadata {
  const at = where.index === undefined ? undefined : { index: where.index, referenceId: where.referenceId };
  if (!isPlainObject(raw)) throw fieldError(where.path, 'must be an object', at);
  const out: NormalisedMetadata = {
    name: null,
    description: null,
    image: null,
    external_url: null,
    animation_url: null,
    youtube_url: null,
    attributes: null,
  };
  for (const key of Object.keys(raw)) {
    if (!KNOWN.has(key) && !o.skipKeys?.has(key) && o.behaviour.unknownMetadataKeys === 'reject') {
      throw fieldError(`${where.path}.${key}`, 'is not a metadata field', at);
    }
  }
  for (const key of STRING_KEYS) {
    const v = raw[key];
    if (v === undefined) {
      if (o.requireAllKeys)
        throw fieldError(`${where.path}.${key}`, 'is required (use null for no value)', at);
      continue;
    }
    if (v !== null && typeof v !== 'string')
      throw fieldError(`${where.path}.${key}`, 'must be a string or null', at);
    out[key] = v;
  }
  const attrs = raw.attributes;
  if (attrs === undefined) {
    if (o.requireAllKeys)
      throw fieldError(`${where.path}.attributes`, 'is required (use null for no value)', at);
  } else if (attrs !== null) {
    if (!Array.isArray(attrs)) throw fieldError(`${where.path}.attributes`, 'must be an array or null', at);
    out.attributes = attrs.map((a, i) => parseAttribute(a, `${where.path}.attributes[${i}]`, at));
  }
  if (o.strict) {
    if (out.name === null) throw fieldError(`${where.path}.name`, 'is required', at);
    if (out.image === null) throw fieldError(`${where.path}.image`, 'is required', at);
  }
  return out;
}

function parseAttribute(
  raw: unknown,
  path: string,
  at: { index: number; referenceId?: string | undefined } | undefined,
): MetadataAttribute {
  if (!isPlainObject(raw)) throw fieldError(path, 'must be an object', at);
  if (typeof raw.trait_type !== 'string') throw fieldError(`${path}.trait_type`, 'must be a string', at);
  const value = raw.value;
  if (
    typeof value !== 'string' &&
    typeof value !== 'boolean' &&
    !(typeof value === 'number' && Number.isFinite(value))
  ) {
    throw fieldError(`${path}.value`, 'must be a string, number or boolean', at);
  }
  const out: MetadataAttribute = { trait_type: raw.trait_type, value };
  const dt = raw.display_type;
  if (dt !== undefined && dt !== null) {
    if (typeof dt !== 'string' || !DISPLAY_TYPES.has(dt)) {
      throw fieldError(
        `${path}.display_type`,
        'must be one of number, boost_percentage, boost_number, date',
        at,
      );
    }
    out.display_type = dt;
  } else if (dt === null) out.display_type = null;
  return out;
}

/**
 * The stacking key: identical metadata (same values, key order irrelevant) must map to one
 * `metadata_id`. Normalised metadata has a fixed key order, so JSON.stringify is canonical.
 */
export const canonicalMetadata = (m: NormalisedMetadata): string =>
  JSON.stringify([
    m.name,
    m.description,
    m.image,
    m.external_url,
    m.animation_url,
    m.youtube_url,
    m.attributes?.map((a) => [a.trait_type, a.value, a.display_type ?? null]) ?? null,
  ]);
