import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRawBody, respondToDelivery, type WebhookAdapterOptions } from './node-http-handler.js';
import { bodyTooLargeResponse, parsedBodyResponse, toHttpResponse } from './webhook-http-response.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** The parts of an express request the handler reads (typed structurally: core does not depend on express). */
export type ExpressLikeRequest = IncomingMessage & { body?: unknown; _body?: boolean };
export type ExpressLikeResponse = ServerResponse;

/**
 * An express route handler for webhook deliveries. Mount it with a raw or text body parser,
 * or with none at all (it then reads the stream itself):
 *
 * @example
 * app.post('/webhooks/immutable', express.raw({ type: '*\/*' }), expressWebhookHandler(receiver));
 *
 * A JSON body parser on this route breaks verification (SNS posts JSON as `text/plain` and
 * signs the exact text): when the body arrives as a parsed object, the handler answers 500
 * with a message saying so, and never tries to verify a re-serialised copy.
 */
export function expressWebhookHandler(
  receiver: WebhookReceiver,
  options: WebhookAdapterOptions = {},
): (req: ExpressLikeRequest, res: ExpressLikeResponse) => void {
  const maxBytes = options.maxBodyBytes ?? 256 * 1024;
  return (req, res) =>
    respondToDelivery(res, options, async () => {
      const body = await expressBody(req, maxBytes);
      if (body === PARSED) return parsedBodyResponse;
      if (body === null) return bodyTooLargeResponse;
      return toHttpResponse({ result: await receiver.handle(body, req.headers) });
    });
}

const PARSED = Symbol('parsed');

/** The raw body, `null` when too large, or PARSED when a body parser already turned it into an object. */
async function expressBody(
  req: ExpressLikeRequest,
  maxBytes: number,
): Promise<string | Uint8Array | null | typeof PARSED> {
  if (typeof req.body === 'string' || req.body instanceof Uint8Array) return req.body;
  // No body parser ran for this content type (express 5 leaves undefined, 4 an empty {}).
  if (req._body !== true && !req.readableEnded && isUnparsed(req.body)) return readRawBody(req, maxBytes);
  return PARSED;
}

const isUnparsed = (body: unknown): boolean =>
  body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0);
