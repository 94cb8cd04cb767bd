import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyTooLargeResponse, toHttpResponse, type WebhookHttpResponse } from './webhook-http-response.js';
import type { WebhookReceiver } from './webhook-receiver.js';

export interface WebhookAdapterOptions {
  /**
   * Bodies larger than this are answered 413 without being buffered.
   * @default 262144 (256 KiB)
   */
  maxBodyBytes?: number | undefined;
  /** Told about deliveries answered with 4xx/5xx (for logs and metrics). Must not throw. */
  onError?: ((error: unknown, response: WebhookHttpResponse) => void) | undefined;
}

/** Past this many bytes of an oversize body we stop draining it and drop the connection. */
const DRAIN_FACTOR = 4;

/**
 * Reads a request body up to `maxBytes`. An oversize body resolves to `null`; it is drained
 * (so the client can read our 413) up to a bound, then the socket is dropped.
 */
export function readRawBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        if (size > maxBytes * DRAIN_FACTOR) {
          req.destroy();
          resolve(null);
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, response: WebhookHttpResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(response.status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(response.body));
}

/**
 * Answers `res` (node:http or express) with what `answer` gives, through `answerDelivery`.
 * Never throws and never rejects: a listener has no one to throw to.
 */
export function respondToDelivery(
  res: ServerResponse,
  options: WebhookAdapterOptions,
  answer: () => Promise<WebhookHttpResponse>,
): void {
  void answerDelivery(options, answer)
    .then((response) => sendJson(res, response))
    .catch(() => undefined);
}

/**
 * A `node:http` request listener for webhook deliveries. Answers 200 when the delivery was
 * applied, was a duplicate or was ignored; 400 malformed; 403 refused; 413 too large; 5xx
 * when worth a retry (see `toHttpResponse`). Never throws.
 *
 * @example
 * http.createServer(nodeHttpWebhookHandler(receiver)).listen(8080);
 */
export function nodeHttpWebhookHandler(
  receiver: WebhookReceiver,
  options: WebhookAdapterOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const maxBytes = options.maxBodyBytes ?? 256 * 1024;
  return (req, res) =>
    respondToDelivery(res, options, async () => {
      if (req.method !== 'POST') return { status: 405, body: { ok: false, error: 'METHOD_NOT_ALLOWED' } };
      const body = await readRawBody(req, maxBytes);
      return body === null
        ? bodyTooLargeResponse
        : toHttpResponse({ result: await receiver.handle(body, req.headers) });
    });
}

/**
 * The answer to one delivery, the same way in every adapter: what `answer` gives, or, when it
 * throws, the error mapped by `toHttpResponse`; 4xx/5xx answers are told to `onError`.
 */
export async function answerDelivery(
  options: WebhookAdapterOptions,
  answer: () => Promise<WebhookHttpResponse>,
): Promise<WebhookHttpResponse> {
  let response: WebhookHttpResponse;
  let failure: unknown;
  try {
    response = await answer();
  } catch (error) {
    failure = error;
    response = toHttpResponse({ error });
  }
  if (response.status >= 400) reportFailure(options, failure, response);
  return response;
}

function reportFailure(options: WebhookAdapterOptions, error: unknown, response: WebhookHttpResponse): void {
  try {
    options.onError?.(error, response);
  } catch {
    // A throwing reporter must not keep the sender waiting for an answer.
  }
}
