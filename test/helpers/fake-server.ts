// Servers that are not the API, for the tests of how the client and the CLI
// take what such a server does: a fake that answers as told, and a URL at
// which nothing listens.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** `handler` on a free loopback port. */
export async function fakeServer(handler: RequestListener): Promise<FakeServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A loopback URL that refuses connections: a port that was free a moment ago. */
export async function refusedUrl(): Promise<string> {
  const probe = await fakeServer(() => {});
  await probe.close();
  return probe.url;
}
