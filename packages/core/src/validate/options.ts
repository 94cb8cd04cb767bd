import { z } from 'zod';
import { ValidationError } from '../errors/errors.js';
import { toValidationError } from './validate-asset.js';

const fn = <T>(what: string) => z.custom<T>((v) => typeof v === 'function', `must be ${what}`);
const obj = <T>(what: string, keys: string[]) =>
  z.custom<T>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      keys.every((k) => typeof (v as Record<string, unknown>)[k] === 'function'),
    `must be ${what} (with ${keys.join(', ')})`,
  );

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const baseUrlSchema = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an absolute URL' });
    return;
  }
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return;
  ctx.addIssue({
    code: 'custom',
    message: 'must use https (plain http only for loopback hosts, or with allowInsecureHttp: true)',
  });
});

const positiveInt = z.number().int().positive();

export const minterOptionsSchema = z.object({
  apiKey: z.string({ error: 'is required (your secret Immutable Hub API key)' }).min(1, 'is required'),
  environment: z
    .union([
      z.enum(['sandbox', 'production'], {
        error: 'must be "sandbox", "production" or { baseUrl, chainName }',
      }),
      z
        .object({
          baseUrl: z.string(),
          chainName: z.string().min(1),
          allowInsecureHttp: z.boolean().optional(),
        })
        .superRefine((env, ctx) => {
          const parsed = baseUrlSchema.safeParse(env.baseUrl);
          if (parsed.success) return;
          // An explicit opt-in lets plain http through (a TLS-terminating sidecar, a LAN fake).
          if (
            env.allowInsecureHttp === true &&
            URL.canParse(env.baseUrl) &&
            new URL(env.baseUrl).protocol === 'http:'
          )
            return;
          for (const issue of parsed.error.issues)
            ctx.addIssue({ code: 'custom', message: issue.message, path: ['baseUrl'] });
        }),
    ])
    .optional(),
  tier: z
    .union([
      z.enum(['standard', 'partner'], { error: 'must be "standard", "partner" or { ratePerMinute, burst }' }),
      z.object({ ratePerMinute: z.number().positive(), burst: positiveInt }),
    ])
    .optional(),
  budget: obj('a Budget', ['acquire', 'refund', 'observe', 'pauseUntil']).optional(),
  plugins: z.array(z.object({ name: z.string().min(1), setup: fn('a function') }).loose()).optional(),
  batch: z
    .object({
      maxSize: positiveInt.max(100, 'must be at most 100 (the API limit per request)').optional(),
      lingerMs: z.number().min(0).optional(),
    })
    .optional(),
  concurrency: positiveInt.optional(),
  retry: z
    .object({
      attempts: positiveInt.optional(),
      baseMs: z.number().min(0).optional(),
      maxMs: z.number().min(0).optional(),
      factor: z.number().min(1).optional(),
    })
    .optional(),
  timeouts: z.object({ requestMs: positiveInt.optional() }).optional(),
  limits: z
    .object({ maxRequestBytes: positiveInt.optional(), maxResponseBytes: positiveInt.optional() })
    .optional(),
  rateLimit: z.object({ maxPauseMs: z.number().min(0).optional() }).optional(),
  collections: z.record(z.string(), z.enum(['ERC721', 'ERC1155'])).optional(),
  journal: obj('a Journal', ['record', 'markAccepted', 'markSettled', 'unfinished']).optional(),
  webhooks: z.record(z.string(), z.unknown()).optional(),
  tracking: z
    .object({ polling: z.union([z.literal(false), z.record(z.string(), z.unknown())]).optional() })
    .loose()
    .optional(),
  fetch: fn('a fetch function').optional(),
  clock: obj('a Clock', ['now', 'setTimeout', 'clearTimeout']).optional(),
  logger: obj('a Logger', ['debug', 'info', 'warn', 'error']).optional(),
  random: fn('a function returning numbers in [0, 1)').optional(),
});

/** Validates minter options; throws a ValidationError naming the option (`options.apiKey`, ...). */
export function parseMinterOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new ValidationError('options', 'createMinter needs an options object ({ apiKey, ... })');
  }
  const parsed = minterOptionsSchema.safeParse(options);
  if (!parsed.success) throw toValidationError('options', parsed.error);
  const o = options as { tier?: unknown; budget?: unknown };
  if (o.tier !== undefined && o.budget !== undefined) {
    throw new ValidationError('options.budget', 'pass either tier or budget, not both');
  }
}
