import type { IncomingHttpHeaders } from 'node:http';
import { answerDelivery, type WebhookAdapterOptions } from './node-http-handler.js';
import { parsedBodyResponse, toHttpResponse } from './webhook-http-response.js';
import type { WebhookReceiver } from './webhook-receiver.js';

/** The parts of fastify the adapter uses (structural: core does not depend on fastify). */
export interface FastifyLikeRequest {
  body: unknown;
  headers: IncomingHttpHeaders;
}
export interface FastifyLikeReply {
  code(status: number): FastifyLikeReply;
  header(name: string, value: string): FastifyLikeReply;
  send(payload: unknown): FastifyLikeReply;
}
export interface FastifyLikeInstance {
  removeAllContentTypeParsers(): void;
  addContentTypeParser(
    type: string,
    options: { parseAs: 'buffer'; bodyLimit?: number },
    parser: (request: unknown, body: Buffer, done: (error: Error | null, body?: unknown) => void) => void,
  ): void;
  post(
    path: string,
    handler: (request: FastifyLikeRequest, reply: FastifyLikeReply) => Promise<unknown>,
  ): unknown;
}

export interface FastifyWebhookPluginOptions extends WebhookAdapterOptions {
  receiver: WebhookReceiver;
  /**
   * The route that receives deliveries.
   * @default '/webhooks/immutable'
   */
  path?: string | undefined;
}

/**
 * A fastify route handler. Its route must hand over the raw body (a Buffer or string): use
 * {@link fastifyWebhookPlugin}, which sets that up, unless you register your own parser.
 */
export function fastifyWebhookHandler(
  receiver: WebhookReceiver,
  options: WebhookAdapterOptions = {},
): (request: FastifyLikeRequest, reply: FastifyLikeReply) => Promise<FastifyLikeReply> {
  return async (request, reply) => {
    const { body } = request;
    const response = await answerDelivery(options, async () =>
      typeof body === 'string' || body instanceof Uint8Array
        ? toHttpResponse({ result: await receiver.handle(body, request.headers) })
        : parsedBodyResponse,
    );
    return reply
      .code(response.status)
      .header('content-type', 'application/json')
      .send(JSON.stringify(response.body));
  };
}

/**
 * A fastify plugin that adds `POST path` with its own raw-body parser. The parser replaces
 * fastify's JSON and text parsers only inside the plugin (fastify encapsulation), so the
 * rest of the app keeps its JSON parsing. Oversize bodies get fastify's own 413.
 *
 * @example
 * await app.register(fastifyWebhookPlugin, { receiver, path: '/webhooks/immutable' });
 */
export async function fastifyWebhookPlugin(
  instance: FastifyLikeInstance,
  options: FastifyWebhookPluginOptions,
): Promise<void> {
  instance.removeAllContentTypeParsers();
  instance.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: options.maxBodyBytes ?? 256 * 1024 },
    (_request, body, done) => done(null, body),
  );
  instance.post(options.path ?? '/webhooks/immutable', fastifyWebhookHandler(options.receiver, options));
}
