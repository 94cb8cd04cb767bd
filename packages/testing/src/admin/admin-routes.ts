import { z } from 'zod';
import type { FaultControls } from '../faults/fault-injector.js';
import { faultSchema } from '../faults/fault-types.js';

/** What the admin routes drive: the facade, seen through the parts they need. */
export interface AdminTarget {
  settle(filter?: {
    collection?: string | undefined;
    referenceIds?: string[] | undefined;
    outcome?: 'succeeded' | 'failed' | undefined;
    message?: string | undefined;
  }): Promise<number>;
  advanceTime(ms: number): Promise<void>;
  reset(): void;
  faults: FaultControls;
  mintRequests(filter?: {
    collection?: string | undefined;
    status?: 'pending' | 'succeeded' | 'failed' | undefined;
  }): readonly unknown[];
  state(): Record<string, unknown>;
  subscribeWebhook(
    url: string,
    options: {
      signatureVersion?: '1' | '2' | undefined;
      mode?: 'sns' | 'hmac' | undefined;
      secret?: string | undefined;
      events?: string[] | undefined;
    },
  ): { id: string; subscriptionArn: string };
  /** Answers the webhooks' `SubscribeURL` (`GET /_fake/webhooks/confirm?Token=…`). */
  confirmWebhook(request: Request): Response;
  certificatePem(): string;
}

const settleBody = z
  .strictObject({
    collection: z.string().optional(),
    referenceIds: z.array(z.string()).optional(),
    outcome: z.enum(['succeeded', 'failed']).optional(),
    message: z.string().optional(),
  })
  .default({});
const advanceBody = z.strictObject({ ms: z.number().min(0) });
const faultsBody = z.strictObject({
  count: z.number().int().min(1).default(1),
  fault: faultSchema,
  // Over HTTP a RegExp travels as its source text.
  match: z.strictObject({ method: z.string().optional(), path: z.string().optional() }).optional(),
});
const subscribeBody = z.strictObject({
  url: z.url(),
  signatureVersion: z.enum(['1', '2']).optional(),
  mode: z.enum(['sns', 'hmac']).optional(),
  secret: z.string().optional(),
  events: z.array(z.string()).optional(),
});
const statusQuery = z.enum(['pending', 'succeeded', 'failed']).optional();

function json(status: number, value: unknown): Response {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return new Response(text, { status, headers: { 'content-type': 'application/json' } });
}

function adminError(status: number, message: string, details: unknown = null): Response {
  return json(status, { message, code: status === 404 ? 'RESOURCE_NOT_FOUND' : 'VALIDATION_ERROR', details });
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/**
 * Routes under `/_fake/` for tests that run the fake out of process (the CLI, another
 * language). They are not part of Immutable's API: never recorded, never faulted.
 */
export function createAdminRoutes(
  target: AdminTarget,
): (request: Request, path: string) => Promise<Response> {
  return async (request, path) => {
    const route = `${request.method} ${path.replace(/\/+$/, '')}`;
    const url = new URL(request.url);
    try {
      switch (route) {
        case 'POST /_fake/settle': {
          const filter = settleBody.parse(await readJson(request));
          return json(200, { settled: await target.settle(filter) });
        }
        case 'POST /_fake/advance': {
          const { ms } = advanceBody.parse(await readJson(request));
          await target.advanceTime(ms);
          return json(200, target.state());
        }
        case 'POST /_fake/faults': {
          const { count, fault, match } = faultsBody.parse(await readJson(request));
          const regex = match?.path === undefined ? undefined : new RegExp(match.path);
          target.faults.next(count, fault, { method: match?.method, path: regex });
          return json(201, { scheduled: count });
        }
        case 'DELETE /_fake/faults':
          target.faults.clear();
          return new Response(null, { status: 204 });
        case 'POST /_fake/reset':
          target.reset();
          return new Response(null, { status: 204 });
        case 'GET /_fake/mint-requests': {
          const status = statusQuery.parse(url.searchParams.get('status') ?? undefined);
          const collection = url.searchParams.get('collection') ?? undefined;
          return json(200, { result: target.mintRequests({ status, collection }) });
        }
        case 'GET /_fake/state':
          return json(200, target.state());
        case 'POST /_fake/webhooks/subscribe': {
          const { url: to, ...rest } = subscribeBody.parse(await readJson(request));
          const { id, subscriptionArn } = target.subscribeWebhook(to, rest);
          return json(201, { id, subscriptionArn });
        }
        case 'GET /_fake/webhooks/confirm': {
          return target.confirmWebhook(request);
        }
        case 'GET /_fake/sns-cert.pem':
          return new Response(target.certificatePem(), {
            status: 200,
            headers: { 'content-type': 'application/x-pem-file' },
          });
        default:
          return adminError(404, `No admin route ${route}`);
      }
    } catch (error) {
      if (error instanceof z.ZodError) return adminError(400, 'Invalid admin request', z.treeifyError(error));
      if (error instanceof SyntaxError) return adminError(400, `Invalid JSON: ${error.message}`);
      // e.g. POST /_fake/advance on the CLI's real clock: tell the caller why, not a bare 500.
      return adminError(400, error instanceof Error ? error.message : String(error));
    }
  };
}
