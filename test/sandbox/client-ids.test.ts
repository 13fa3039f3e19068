// The library's side of ids a person can type, and of the API's clock: an
// ambiguous prefix is an AmbiguousIdError carrying the matches; a wait begun
// by a prefix goes on by the full id; the API's Date sets serverTimeOffsetMs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmbiguousIdError, ConflictError, FasClient, UsageError } from '../../src/index.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/cli.js';
import { fakeServer, type FakeServer } from '../helpers/fake-server.js';
import { steadySeed } from '../helpers/market.js';
import { givePrefix } from '../helpers/sandbox.js';

let sb: RunningSandbox;
let client: FasClient;
beforeAll(async () => {
  sb = await startSandbox({ dataDir: tempDir('fas-client-ids-'), port: 0, provisionSeconds: 0.05, seed: steadySeed(9), admin: true });
  client = new FasClient({ apiUrl: sb.url, token: sb.token });
});
afterAll(async () => {
  await client.close();
  await sb.close();
});

describe('against the sandbox', () => {
  it('an ambiguous prefix is an AmbiguousIdError (a UsageError) with the matches and their total', async () => {
    const spots = [await client.spots.add({}, { wait: true }), await client.spots.add({}, { wait: true })];
    const ids = givePrefix(sb.dataDir, 'spots', spots.map((s) => s.id), '5ca1e');
    const err = await client.spots.get('5CA1E').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmbiguousIdError);
    expect(err).toBeInstanceOf(UsageError);
    expect(err).toMatchObject({ code: 'ambiguous_id', status: 409, total: 2, message: "ambiguous id prefix '5CA1E': it matches 2 spots" });
    expect((err as AmbiguousIdError).matches).toEqual([...ids].sort().map((id) => ({ id, hostname: expect.stringMatching(/^spot-sv-/) as unknown })));
    // A conflict of state stays a ConflictError.
    await client.spots.update({ id: ids[0]!, changes: { locked: true } });
    expect(await client.spots.remove(ids[0]!).catch((e: unknown) => e)).toBeInstanceOf(ConflictError);
  });

  it("keeps the API's clock against this machine's from each answer's Date", async () => {
    await client.market.metros();
    expect(Math.abs(client.serverTimeOffsetMs!)).toBeLessThan(1000);
    await client.sandbox.advanceClock(3600);
    await client.market.metros();
    expect(Math.abs(client.serverTimeOffsetMs! - 3_600_000)).toBeLessThan(1000);
  });
});

describe('against a server that ignores ?wait', () => {
  let server: FakeServer;
  const asked: string[] = [];
  const full = 'abcd0000-0000-4000-8000-000000000001';
  beforeAll(async () => {
    let polls = 0;
    server = await fakeServer((req, res) => {
      asked.push(req.url!.split('?')[0]!);
      const status = ++polls < 3 ? 'started' : 'completed';
      const execution = { id: full, operation: 'spot.add', status, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', resource_id: null, result: null, error: null };
      res.writeHead(200, { 'content-type': 'application/json', date: new Date(Date.now() - 120_000).toUTCString() }).end(JSON.stringify(execution));
    });
  });
  afterAll(() => server.close());

  it('a wait begun by a prefix asks by the full id from its first answer on; its Date says the clock is behind', async () => {
    const c = new FasClient({ apiUrl: server.url, token: 'tok' });
    try {
      expect(c.serverTimeOffsetMs).toBeUndefined();
      const done = await c.executions.wait('abcd', { timeoutMs: 10_000 });
      expect(done.status).toBe('completed');
      expect(asked).toEqual(['/api/executions/abcd', `/api/executions/${full}`, `/api/executions/${full}`]);
      expect(Math.abs(c.serverTimeOffsetMs! + 120_000)).toBeLessThan(1000);
    } finally {
      await c.close();
    }
  });
});
