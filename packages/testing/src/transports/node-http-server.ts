import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isConnectionReset } from './connection-reset.js';
import type { Dispatch } from './dispatcher.js';

export interface ListenOptions {
  /** TCP port; `0` picks a free one. @default 0 */
  port?: number | undefined;
  /** Interface to bind. @default '127.0.0.1' */
  host?: string | undefined;
}

/** A running loopback server. */
export interface ListeningServer {
  /** Base URL to give the client, e.g. `http://127.0.0.1:53122` (no trailing slash). */
  url: string;
  /** Stops accepting connections and destroys open ones (keep-alive sockets included). */
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

async function serve(dispatch: Dispatch, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  // The client went away before we answered (its timeout fired): cancel hangs.
  res.on('close', () => {
    if (!res.writableFinished)
      controller.abort(new DOMException('client closed the connection', 'AbortError'));
  });
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? (await readBody(req)).toString('utf8') : undefined;
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url ?? '/'}`, {
    method,
    headers: toHeaders(req.rawHeaders),
    body: body || null,
    signal: controller.signal,
  });

  let response: Response;
  try {
    response = await dispatch(request, body);
  } catch (error) {
    if (isConnectionReset(error)) req.socket.destroy();
    else if (!controller.signal.aborted) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'fake transport error', code: 'INTERNAL_SERVER_ERROR' }));
    }
    return;
  }
  if (controller.signal.aborted) {
    await response.body?.cancel();
    return;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  for await (const chunk of response.body) res.write(chunk);
  res.end();
}

/** Serves `dispatch` over node:http on loopback (a random free port by default). */
export async function listenHttp(dispatch: Dispatch, options: ListenOptions = {}): Promise<ListeningServer> {
  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<Socket>();
  const server = createServer({ keepAlive: true }, (req, res) => {
    serve(dispatch, req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
