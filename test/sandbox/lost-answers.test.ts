// The library against a server that loses answers: a request that creates or
// removes something and fails in a way that may have done the work says so,
// with the Idempotency-Key that makes doing it again safe.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failure, fakeServer, json, refusedUrl, type FakeServer } from '../helpers/fake-server.js';
import { FasClient, NetworkError, ServerError, UsageError, type RetryInfo } from '../../src/index.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: FakeServer;
let handler: Handler = (_req, res) => void res.writeHead(500).end();
/** The Idempotency-Key of every request that arrived. */
let keys: (string | undefined)[] = [];
const clients: FasClient[] = [];

beforeAll(async () => {
  server = await fakeServer((req, res) => {
    keys.push(req.headers['idempotency-key'] as string | undefined);
    // The request is read in full before anything is decided: it reached the server.
    req.resume();
    req.on('end', () => handler(req, res));
  });
});
afterAll(() => server.close());
afterEach(async () => {
  keys = [];
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

function client(options: Partial<ConstructorParameters<typeof FasClient>[0]> = {}): FasClient {
  const c = new FasClient({ apiUrl: server.url, token: 'tok', retries: 1, ...options });
  clients.push(c);
  return c;
}

describe('a lost answer to a request that changes something', () => {
  it('a connection dropped after the request was sent: the key and mayHaveSucceeded', async () => {
    handler = (req) => req.socket.destroy();
    const err = await failure(client().spots.add({}, { idempotencyKey: 'add-1' }));
    expect(err).toBeInstanceOf(NetworkError);
    expect(err.idempotencyKey).toBe('add-1');
    expect(err.mayHaveSucceeded).toBe(true);
    expect(keys).toEqual(['add-1', 'add-1']);
  });

  it('a key made up by the client is the one reported, and the one each retry sent', async () => {
    handler = (req) => req.socket.destroy();
    const err = await failure(client().spots.remove('10.0.0.1'));
    expect(err.mayHaveSucceeded).toBe(true);
    expect(err.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys).toEqual([err.idempotencyKey, err.idempotencyKey]);
  });

  it('a 5xx after all retries', async () => {
    handler = (_req, res) => json(res, 503, { errors: ['overloaded'] });
    const err = await failure(client().bids.create({ devices_min: 1, devices_max: 1, max_bid_price: 1, metro: 'sv', instance_parameters: { plan: 'c3.small' } }, { idempotencyKey: 'bid-1' }));
    expect(err).toBeInstanceOf(ServerError);
    expect([err.idempotencyKey, err.mayHaveSucceeded]).toEqual(['bid-1', true]);
  });

  it('a request that timed out', async () => {
    handler = () => {}; // never answers
    const err = await failure(client({ requestTimeoutMs: 200, retries: 0 }).executions.cancel('e-1', { idempotencyKey: 'cancel-1' }));
    expect(err.message).toMatch(/did not answer in time/);
    expect([err.idempotencyKey, err.mayHaveSucceeded]).toEqual(['cancel-1', true]);
  });

  it('a 2xx whose body cannot be read: the server says it did the work', async () => {
    handler = (_req, res) => json(res, 202, { accepted: true });
    const err = await failure(client().spots.add({}, { idempotencyKey: 'add-2' }));
    expect(err.message).toBe('the server answered an accepted request whose execution_id is not a valid id');
    expect([err.idempotencyKey, err.mayHaveSucceeded]).toEqual(['add-2', true]);
  });

  it('a refusal after a dropped attempt does not undo what the dropped one may have done', async () => {
    const lone = await fakeServer((req) => {
      req.socket.destroy();
      lone.server.close();
    });
    const other = new FasClient({ apiUrl: lone.url, token: 'tok', retries: 3 });
    clients.push(other);
    const err = await failure(other.spots.add({}, { idempotencyKey: 'add-3' }));
    expect(err.message).toMatch(/connection refused/);
    expect([err.idempotencyKey, err.mayHaveSucceeded]).toEqual(['add-3', true]);
  });
});

describe('failures that did nothing carry no such mark', () => {
  it('a 422, a 409, a refused connection and a dropped GET', async () => {
    handler = (_req, res) => json(res, 422, { errors: ['metro: unknown metro'] });
    const invalid = await failure(client().spots.add({ metro: 'zz' }, { idempotencyKey: 'add-4' }));
    expect(invalid).toBeInstanceOf(UsageError);
    expect([invalid.idempotencyKey, invalid.mayHaveSucceeded]).toEqual([undefined, undefined]);

    handler = (_req, res) => json(res, 409, { errors: ['already marked for termination'] });
    const conflict = await failure(client().spots.convertToOnDemand('s-1'));
    expect(conflict.mayHaveSucceeded).toBeUndefined();

    const nobody = new FasClient({ apiUrl: await refusedUrl(), token: 'tok', retries: 5 });
    clients.push(nobody);
    const refused = await failure(nobody.spots.add({}, { idempotencyKey: 'add-5' }));
    expect(refused.message).toMatch(/connection refused/);
    expect(refused.mayHaveSucceeded).toBeUndefined();

    handler = (req) => req.socket.destroy();
    const read = await failure(client().spots.list());
    expect(read).toBeInstanceOf(NetworkError);
    expect([read.idempotencyKey, read.mayHaveSucceeded]).toEqual([undefined, undefined]);
  });
});

describe('Retry-After', () => {
  it('is reported to onRetry as the server\'s own delay, and backoff is not', async () => {
    let n = 0;
    handler = (_req, res) => {
      n++;
      if (n === 1) return json(res, 429, { errors: ['slow down'] }, { 'retry-after': '0' });
      if (n === 2) return json(res, 503, { errors: ['down'] });
      json(res, 200, { metros: [{ code: 'sv', name: 'Silicon Valley' }] });
    };
    const retries: RetryInfo[] = [];
    const metros = await client({ retries: 2, onRetry: (r) => retries.push(r) }).market.metros();
    expect(metros).toEqual([{ code: 'sv', name: 'Silicon Valley' }]);
    expect(retries.map((r) => [r.attempt, r.retryAfter, r.delayMs === 0])).toEqual([
      [1, true, true],
      [2, false, false],
    ]);
  });

  it('longer than the caller\'s deadline ends the call at once with that reason', async () => {
    handler = (_req, res) => json(res, 503, { errors: ['maintenance'] }, { 'retry-after': '3600' });
    const started = Date.now();
    const err = await failure(client({ retries: 5 }).executions.wait('e-1', { timeoutMs: 5_000 }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(ServerError);
    expect(err.message).toMatch(/^the server asked to wait 3600 s \(Retry-After\), more than the [1-5] s left before the deadline$/);
  });
});
