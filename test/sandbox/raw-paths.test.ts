// Paths as a client that does not normalise them sends them, over a raw
// socket: a percent-encoded dot segment is an id like any other (never
// resolved into another route), and a path URL parsing cannot take is a 404.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FasClient } from '../../src/client/client.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
let client: FasClient;
beforeAll(async () => {
  t = await withSandbox({ rateLimit: 0 });
  client = new FasClient({ apiUrl: t.sandbox.url, token: t.sandbox.token, retries: 0 });
});
afterAll(() => t.close());

/** Sends `method target` exactly as written; resolves with the status and the body. */
function raw(method: string, target: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(t.sandbox.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end(`${method} ${target} HTTP/1.1\r\nHost: sandbox\r\nAuthorization: Token ${t.sandbox.token}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    });
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

describe('raw paths', () => {
  it('a PUT or DELETE of /api/spots/ and a dot segment, encoded or not, is 404 or 422, and buys or removes nothing', async () => {
    await client.spots.add({}, { wait: true });
    const before = await client.spots.listAll();
    for (const id of ['%2e', '%2E', '.', '%2e%2e', '..', '.%2e', '%2e%2e%2f']) {
      for (const method of ['PUT', 'DELETE', 'GET']) {
        const answer = await raw(method, `/api/spots/${id}`);
        expect([404, 422], `${method} /api/spots/${id}: ${answer.status} ${answer.body}`).toContain(answer.status);
        expect(JSON.parse(answer.body)).toMatchObject({ errors: [expect.any(String)] });
      }
    }
    expect(await client.spots.listAll()).toEqual(before);
    expect((await client.executions.listAll()).map((e) => e.operation)).toEqual(['spot.add']);
  });

  it('a bid or an execution named by a dot segment is 404 or 422, never the list', async () => {
    for (const base of ['/api/spot-market-requests', '/api/executions']) {
      for (const id of ['%2e', '.', '%2e%2e']) expect([404, 422]).toContain((await raw('GET', `${base}/${id}`)).status);
    }
  });

  it('a path no URL parser takes (GET //[) is a 404 with an errors body, not a 500', async () => {
    for (const target of ['//[', '//[/api/spots', '/api/spots/%2e/..//[', '//', '*']) {
      const answer = await raw('GET', target);
      expect(answer.status, `GET ${target}: ${answer.body}`).toBe(404);
      expect(JSON.parse(answer.body)).toMatchObject({ errors: [expect.any(String)] });
    }
  });

  it('still takes a trailing slash and a query, as it did', async () => {
    const answer = await raw('GET', '/api/spots/?per_page=1');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ spots: [expect.any(Object)], meta: { current_page: 1, last_page: 1 } });
  });
});
