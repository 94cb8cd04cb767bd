import nock from 'nock';
import { isConnectionReset } from './transports/connection-reset.js';

/** Hosts intercepted by default: Immutable's sandbox and production API. */
export const IMMUTABLE_HOSTS = ['https://api.sandbox.immutable.com', 'https://api.immutable.com'] as const;

/** The part of the fake the adapter needs (a `FakeImmutableApi` fits). */
export interface InterceptableFake {
  handle(request: Request): Promise<Response>;
  readonly webhooks?: { readonly signingCertUrl: string; readonly certificatePem: string } | undefined;
}

export interface InterceptImmutableOptions {
  /**
   * Origins routed to the fake.
   * @default ['https://api.sandbox.immutable.com', 'https://api.immutable.com']
   * @example ['https://api.sandbox.immutable.com', 'https://my-proxy.internal']
   */
  hosts?: readonly string[] | undefined;
}

export interface ImmutableInterception {
  /** Removes this adapter's interceptors (other nock interceptors are left alone). */
  restore(): void;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

function toRequest(
  origin: string,
  uri: string,
  method: string,
  headers: Record<string, unknown>,
  body: unknown,
) {
  const out = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    // Hop-by-hop and length headers describe nock's transport, not the request.
    if (name === 'host' || name === 'content-length' || name === 'connection' || name === 'transfer-encoding')
      continue;
    if (Array.isArray(value)) for (const v of value) out.append(name, String(v));
    else if (value !== undefined) out.set(name, String(value));
  }
  const text =
    body === undefined || body === '' ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const hasBody = method !== 'GET' && method !== 'HEAD' && text !== undefined;
  return new Request(`${origin}${uri}`, { method, headers: out, ...(hasBody ? { body: text } : {}) });
}

/**
 * Routes requests for Immutable's real hosts to the fake with nock@14 (an optional peer
 * dependency), for code with hard-coded URLs. nock patches node:http(s) and global `fetch`
 * process-wide: prefer `fake.fetch` where you can inject it. A connection-reset fault
 * surfaces as an `ECONNRESET` error on the request. The webhooks' signing-certificate URL
 * is served too, so an SNS verifier that downloads it works offline.
 *
 * @example
 * const fake = createFakeImmutableApi();
 * const interception = interceptImmutable(fake);
 * // ... code calling https://api.sandbox.immutable.com runs against the fake ...
 * interception.restore();
 */
export function interceptImmutable(
  fake: InterceptableFake,
  options: InterceptImmutableOptions = {},
): ImmutableInterception {
  const interceptors: nock.Interceptor[] = [];
  for (const host of options.hosts ?? IMMUTABLE_HOSTS) {
    const origin = new URL(host).origin;
    const scope = nock(origin).persist();
    for (const method of METHODS) {
      const interceptor = scope.intercept(() => true, method);
      interceptor.reply(async function (this: nock.ReplyFnContext, uri, body) {
        const request = toRequest(origin, uri, method, this.req.headers, body);
        let response: Response;
        try {
          response = await fake.handle(request);
        } catch (error) {
          // nock destroys the client request with a rejected reply's error: a reset socket.
          throw isConnectionReset(error) ? error.cause : error;
        }
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name] = value;
        });
        return [response.status, Buffer.from(await response.arrayBuffer()), headers] as const;
      });
      interceptors.push(interceptor);
    }
  }
  const webhooks = fake.webhooks;
  if (webhooks) {
    const cert = new URL(webhooks.signingCertUrl);
    const interceptor = nock(cert.origin).persist().intercept(cert.pathname, 'GET');
    interceptor.reply(200, () => webhooks.certificatePem, { 'content-type': 'application/x-pem-file' });
    interceptors.push(interceptor);
  }
  return {
    restore() {
      for (const interceptor of interceptors.splice(0)) nock.removeInterceptor(interceptor);
    },
  };
}
