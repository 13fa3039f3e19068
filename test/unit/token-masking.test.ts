// The client's own errors leave it with the token masked, before any CLI sees
// them: a server that quotes the request back must not get the token into a
// message a library user logs, whatever path the error takes out.
import { describe, expect, it } from 'vitest';
import { fakeApi, json } from '../helpers/fake-server.js';
import { AmbiguousIdError, type FasError, type RetryInfo } from '../../src/index.js';

const TOKEN = 'Tok/never+Print=5f1c9a';
const jsonEscaped = TOKEN.replace(/\//g, '\\/');

const api = fakeApi(TOKEN);
const client = api.client;

async function failureOf(call: Promise<unknown>): Promise<FasError> {
  return call.then(
    () => expect.fail('the call succeeded'),
    (err: unknown) => err as FasError,
  );
}

const EXECUTION = { id: 'e-1', operation: 'spot.add', status: 'started', resource_id: null, result: null, error: null, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };

describe('the token a server quotes back', () => {
  it('is masked in the error of a 4xx that echoes it JSON-escaped', async () => {
    api.answer((_q, res) => res.writeHead(401, { 'content-type': 'application/json' }).end(`{"errors":["invalid credentials: ${jsonEscaped}"]}`));
    const err = await failureOf(client().spots.list());
    expect(err.message).toBe('authentication failed: invalid credentials: [token]');
  });

  it("is masked in an ambiguous id's matches", async () => {
    api.answer((_q, res) => json(res, 409, { errors: [`'s' names 2 spots, one of them ${TOKEN}`], matches: [{ id: 's-1', hostname: TOKEN }, { id: TOKEN }], total: 2 }));
    const err = await failureOf(client().spots.get('s'));
    expect(err).toBeInstanceOf(AmbiguousIdError);
    expect(err.message).toBe("'s' names 2 spots, one of them [token]");
    expect((err as AmbiguousIdError).matches).toEqual([{ id: 's-1', hostname: '[token]' }, { id: '[token]' }]);
  });

  it('is masked in a redirect it will not follow', async () => {
    api.answer((_q, res) => void res.writeHead(302, { location: `https://elsewhere.example/?token=${encodeURIComponent(TOKEN)}` }).end());
    const err = await failureOf(client().spots.get('s-1'));
    expect(err.message).toMatch(/a redirect to https:\/\/elsewhere\.example\/\?token=\[token\]; fas does not follow redirects$/);
  });

  it("is masked in an execution's own error, which ends a wait", async () => {
    api.answer((_q, res) => json(res, 200, { ...EXECUTION, status: 'failed', error: `provisioning with ${TOKEN} failed` }));
    const err = await failureOf(client().executions.wait('e-1'));
    expect(err.message).toBe('execution e-1 (spot.add) failed: provisioning with [token] failed');
  });

  it('is masked once in a request error that leaves through a wait', async () => {
    api.answer((req, res) =>
      req.method === 'PUT' ? json(res, 202, { execution_id: 'e-1' }) : json(res, 403, { errors: [`forbidden: ${TOKEN}`] }));
    const err = await failureOf(client().spots.add({}, { wait: true, timeoutMs: 5_000 }));
    expect(err.message).toBe('authentication failed: forbidden: [token]');
  });

  it('is masked in the reason a retry is told', async () => {
    let calls = 0;
    api.answer((_q, res) => (calls++ === 0 ? json(res, 503, { errors: [`down: ${TOKEN}`] }) : json(res, 200, { metros: [] })));
    const retries: RetryInfo[] = [];
    await client({ retries: 1, onRetry: (info) => retries.push(info) }).market.metros();
    expect(retries.map((r) => r.reason)).toEqual(['server error 503: down: [token]']);
  });
});
