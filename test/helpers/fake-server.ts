// Servers that are not the API, for the tests of how the client and the CLI
// take what such a server does: a fake that answers as told, and a URL at
// which nothing listens.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { FasClient } from '../../src/client/client.js';
import type { FasError } from '../../src/errors.js';

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

/** A file's one fake server, and clients of it: each test says how it answers (`answer`), once the request's body is in. */
export interface FakeApi {
  /** How the server answers from now on (at first, 500 with no body). */
  answer(handler: (req: IncomingMessage, res: ServerResponse) => void): void;
  /** A client of it (no retries unless given), closed after the test. */
  client(options?: Partial<ConstructorParameters<typeof FasClient>[0]>): FasClient;
  /** The server's URL, once it listens. */
  readonly url: string;
}

/** Registers the file's hooks: the server for the whole file, its clients closed after each test. */
export function fakeApi(token: string): FakeApi {
  let server: FakeServer | undefined;
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.writeHead(500).end();
  const clients: FasClient[] = [];
  beforeAll(async () => {
    server = await fakeServer((req, res) => {
      req.resume();
      req.on('end', () => handler(req, res));
    });
  });
  afterAll(() => server?.close());
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });
  return {
    answer(next) {
      handler = next;
    },
    client(options = {}) {
      const c = new FasClient({ apiUrl: server!.url, token, retries: 0, ...options });
      clients.push(c);
      return c;
    },
    get url() {
      return server!.url;
    },
  };
}

/** A loopback URL that refuses connections: a port that was free a moment ago. */
export async function refusedUrl(): Promise<string> {
  const probe = await fakeServer(() => {});
  await probe.close();
  return probe.url;
}

/** Answers `status` with `body` as JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/** The error a call against a fake fails with; the test fails when it does not. */
export async function failure(work: Promise<unknown> | (() => unknown)): Promise<FasError> {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (err) {
    return err as FasError;
  }
  throw new Error('expected the call to fail');
}
