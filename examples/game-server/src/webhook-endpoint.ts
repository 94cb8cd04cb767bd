import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Minter, nodeHttpWebhookHandler } from '@mintkit/core';

export interface WebhookEndpoint {
  url: string;
  /** Deliveries answered 4xx/5xx (refused signatures, ...), for the summary. */
  refused(): number;
  close(): Promise<void>;
}

/**
 * The game server's webhook endpoint on loopback, through core's node:http adapter. The
 * adapter hands the RAW body to mintkit: SNS posts `text/plain` and the signature covers the
 * exact bytes, so a JSON body parser in front of it would break verification.
 */
export async function startWebhookEndpoint(minter: Minter): Promise<WebhookEndpoint> {
  let refused = 0;
  const server = createServer(
    nodeHttpWebhookHandler(minter.webhooks, {
      onError: () => {
        refused++;
      },
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
