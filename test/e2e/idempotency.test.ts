// Whole-command idempotency: a command that creates or removes something,
// rerun with the same --idempotency-key (or FAS_IDEMPOTENCY_KEY), gets the
// first run's result instead of doing the work again; and a run whose answer
// was lost says so, with that rerun as its hint.
import { execFile } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bid, Execution, Spot } from '../../src/api/types.js';
import { FaultInjector, parseFaults } from '../../src/sandbox/faults.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { FAS_BIN, baseEnv, runFas, STACK_TRACE, tempDir, type RunResult } from '../helpers/cli.js';
import { aSpot } from '../helpers/spot.js';
import { fakeServer, type FakeServer } from '../helpers/fake-server.js';
import { steadySeed } from '../helpers/market.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

const active = (spots: Spot[]) => spots.filter((s) => s.state === 'active' || s.state === 'provisioning');

describe('the same key twice', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await withSandbox();
  });
  afterAll(() => t.close());

  it('spots add: the same execution, and with --wait the same spot; one spot in the pool per key', async () => {
    const first = await t.json<Execution>(['spots', 'add', '--idempotency-key', 'ci-job-41-add']);
    const again = await t.json<Execution>(['spots', 'add', '--idempotency-key', 'ci-job-41-add']);
    expect(again.id).toBe(first.id);

    const env = { FAS_IDEMPOTENCY_KEY: 'ci-job-42-add' };
    const spot = await t.json<Spot>(['spots', 'add', '--wait'], { env });
    const same = await t.json<Spot>(['spots', 'add', '--wait'], { env });
    expect(same.id).toBe(spot.id);
    expect(same.state).toBe('active');
    // The flag wins over the variable, as every setting's does.
    const other = await t.json<Execution>(['spots', 'add', '--idempotency-key', 'ci-job-43-add'], { env });
    expect(other.resource_id).not.toBe(spot.id);

    const executions = await t.json<Execution[]>(['executions', 'list', '--all']);
    expect(executions.filter((e) => e.operation === 'spot.add')).toHaveLength(3);
    await t.json(['executions', 'wait', other.id]);
    await t.json(['executions', 'wait', first.id]);
    expect(active(await t.json<Spot[]>(['spots', 'list', '--all']))).toHaveLength(3);
  });

  it('spots remove of the newest spot: a rerun follows the first removal instead of removing the next newest', async () => {
    const before = active(await t.json<Spot[]>(['spots', 'list', '--all']));
    const first = await t.json<Spot>(['spots', 'remove', '--newest', '--yes', '--wait', '--idempotency-key', 'ci-job-44-rm']);
    const again = await t.json<Spot>(['spots', 'remove', '--newest', '--yes', '--wait', '--idempotency-key', 'ci-job-44-rm']);
    expect(again.id).toBe(first.id);
    expect(active(await t.json<Spot[]>(['spots', 'list', '--all']))).toHaveLength(before.length - 1);
  });

  it('bids create and bids delete: the same bid, and one bid', async () => {
    const args = ['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '5', '--idempotency-key', 'ci-job-45-bid'];
    const first = await t.json<Bid>(args);
    const again = await t.json<Bid>([...args, '--wait']);
    expect(again.id).toBe(first.id);
    expect(again.spots).toHaveLength(1);
    expect((await t.json<Bid[]>(['bids', 'list', '--all'])).filter((b) => b.id === first.id)).toHaveLength(1);
    expect((await t.json<Bid[]>(['bids', 'list', '--all']))).toHaveLength(1);

    const del = ['bids', 'delete', first.id, '--idempotency-key', 'ci-job-45-del'];
    const cancelled = await t.json<Bid>(del);
    expect(cancelled.state).toBe('cancelled');
    expect((await t.json<Bid>(del)).id).toBe(first.id);
  });

  it('a key used for another request: exit 2 with a hint to give it a key of its own', async () => {
    await t.json(['spots', 'add', '--idempotency-key', 'ci-job-46']);
    const r = await t.fas(['spots', 'add', '--metro', 'ny', '--idempotency-key', 'ci-job-46']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "Error: invalid request: Idempotency-Key: already used with a different request\nHint: the key ci-job-46 was first used for another request; give this one a key of its own\n",
    );
  });

  it('rejects a key that is not 1 to 255 printable ASCII characters: exit 2, nothing sent', async () => {
    const before = (await t.json<Execution[]>(['executions', 'list', '--all'])).length;
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['spots', 'add', '--idempotency-key', ''], {}, /^Error: invalid --idempotency-key '': expected 1 to 255 printable ASCII characters, not starting or ending with a space$/],
      [['spots', 'add', '--idempotency-key', 'k'.repeat(256)], {}, /invalid --idempotency-key 'k{256}'/],
      [['spots', 'remove', '--newest', '--idempotency-key', ' padded'], {}, /invalid --idempotency-key ' padded'/],
      [['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '1', '--idempotency-key', 'ключ'], {}, /invalid --idempotency-key 'ключ'/],
      [['executions', 'cancel', 'x', '--idempotency-key', 'tab\there'], {}, /invalid --idempotency-key 'tab here'/],
      [['spots', 'add'], { FAS_IDEMPOTENCY_KEY: 'line\nbreak' }, /^Error: invalid FAS_IDEMPOTENCY_KEY 'line break': expected 1 to 255/],
    ];
    for (const [args, env, message] of cases) {
      const r = await t.fas(args, { env });
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr.split('\n')[0]).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(await t.json<Execution[]>(['executions', 'list', '--all'])).toHaveLength(before);
    // 255 is fine.
    expect((await t.fas(['spots', 'add', '--idempotency-key', 'k'.repeat(255)])).code).toBe(0);
  });
});

/** A steady seed whose first request under `drop=1` is dropped after the work: the spot is bought, its answer lost. */
function seedThatLosesTheFirstAnswer(): number {
  for (let from = 7; ; ) {
    const seed = steadySeed(from);
    if (new FaultInjector(parseFaults('drop=1'), seed).draw().kind === 'drop-after') return seed;
    from = seed + 1;
  }
}

/** Runs a command line as a shell would, with `fas` on the PATH. */
function shell(line: string, env: Record<string, string>): Promise<RunResult> {
  const bin = tempDir('fas-bin-');
  writeFileSync(join(bin, 'fas'), `#!/bin/sh\nexec "${process.execPath}" "${FAS_BIN}" "$@"\n`);
  chmodSync(join(bin, 'fas'), 0o755);
  return new Promise((resolve) => {
    execFile('sh', ['-c', line], { env: baseEnv({ ...env, PATH: `${bin}:${process.env.PATH}` }), timeout: 30_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, signal: null, stdout, stderr }),
    );
  });
}

describe('an answer lost after every retry', () => {
  it('exits 1 with the rerun as its hint; the rerun against a healthy sandbox gets the spot bought, and no second one', async () => {
    const seed = seedThatLosesTheFirstAnswer();
    const dataDir = tempDir('fas-lost-');
    const configDir = tempDir('fas-lost-config-');
    const faulty = await startSandbox({ dataDir, port: 0, seed, provisionSeconds: 0.2, faults: 'drop=1' });
    let r: RunResult;
    try {
      r = await runFas(['spots', 'add', '--wait', '--json', '--retries', '2'], {
        env: { FAS_API_URL: faulty.url, FAS_TOKEN: faulty.token, FAS_CONFIG_DIR: configDir },
      });
    } finally {
      await faulty.close();
    }
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(STACK_TRACE);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Error: the connection to http:\/\/127\.0\.0\.1:\d+ was closed before an answer came$/);
    const hint = /^Hint: the spot may have been added; rerun with the same key to get it: (fas spots add --wait --json --retries 2 --idempotency-key [0-9a-f-]{36})$/.exec(lines[1]!);
    expect(hint, lines[1]).not.toBeNull();

    const healthy = await startSandbox({ dataDir, port: 0, seed, provisionSeconds: 0.2 });
    try {
      const env = { FAS_API_URL: healthy.url, FAS_TOKEN: healthy.token, FAS_CONFIG_DIR: configDir };
      const list = async () => JSON.parse((await runFas(['spots', 'list', '--all', '--json'], { env })).stdout) as Spot[];
      const bought = await list();
      expect(bought).toHaveLength(1); // the lost answer's spot, bought once through three attempts
      const rerun = await shell(hint![1]!, env);
      expect(rerun.code, rerun.stderr).toBe(0);
      const spot = JSON.parse(rerun.stdout) as Spot;
      expect(spot.id).toBe(bought[0]!.id);
      expect(spot.state).toBe('active');
      expect((await list()).map((s) => s.id)).toEqual([spot.id]);
    } finally {
      await healthy.close();
    }
  });
});

describe('which failures say the work may have been done', () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await fakeServer((req, res) => {
      // convert reads the spot first: a spot, so that the change is what fails.
      if (req.method === 'GET' && /^\/api\/spots\/(busy|slow)$/.test(req.url!)) {
        return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(aSpot(1)));
      }
      if (req.url!.startsWith('/api/spots/busy')) return res.writeHead(503).end();
      if (req.url!.startsWith('/api/spots/later')) return res.writeHead(503, { 'retry-after': '0' }).end();
      if (req.url!.startsWith('/api/spots/limited')) return res.writeHead(429, { 'retry-after': '0' }).end();
      if (req.url!.startsWith('/api/spots/broken')) return res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors": ["boom"]}');
      if (req.url!.startsWith('/api/spots/gone')) return res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors": ["no spot gone"]}');
      if (req.url!.startsWith('/api/spots/slow')) return; // never answers
      // A market flat at 0.2 for --availability to price, and an add whose answer is lost in a 500.
      const json = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.url!.startsWith('/api/metros')) return json({ metros: [{ code: 'sv', name: 'Silicon Valley' }] });
      if (req.url!.startsWith('/api/plans')) return json({ plans: [{ slug: 'c3.small', name: 'c3.small', pricing: { hour: 0.5 }, specs: {} }] });
      if (req.url!.startsWith('/api/market/spot/prices/history')) return json({ prices: [{ price: 0.2, timestamp: 1_800_000_000 }, { price: 0.2, timestamp: 1_800_000_300 }] });
      if (req.method === 'PUT' && req.url === '/api/spots') return res.writeHead(500, { 'content-type': 'application/json' }).end('{"errors": ["boom"]}');
      res.writeHead(418).end();
    });
  });
  afterAll(() => server.close());

  const fas = (args: string[], apiUrl = server.url) =>
    runFas([...args, '--retries', '1', '--idempotency-key', 'k-1'], { env: { FAS_API_URL: apiUrl, FAS_TOKEN: 'tok' } });

  it('5xx after the last retry, and a timeout: exit 1, the rerun as the hint', async () => {
    const cases: [string[], RegExp, string][] = [
      [['spots', 'convert', 'busy'], /^Error: server error 503: /, 'the spot may have been converted; rerun with the same key to get it: fas spots convert busy --retries 1 --idempotency-key k-1'],
      [['spots', 'remove', 'broken'], /^Error: server error 500: boom$/, 'the spot may be being removed; rerun with the same key to get it: fas spots remove broken --retries 1 --idempotency-key k-1'],
      [['spots', 'convert', 'slow', '--request-timeout', '300ms'], /did not answer in time$/, 'the spot may have been converted; rerun with the same key to get it: fas spots convert slow --request-timeout 300ms --retries 1 --idempotency-key k-1'],
    ];
    for (const [args, message, hint] of cases) {
      const r = await fas(args);
      expect(r.code, r.stderr).toBe(1);
      const [error, shown] = r.stderr.trimEnd().split('\n');
      expect(error).toMatch(message);
      expect(shown).toBe(`Hint: ${hint}`);
    }
  });

  it('reruns a spot priced by --availability with the price it chose, so that the body is the same', async () => {
    const r = await fas(['spots', 'add', '--metro', 'sv', '--plan', 'c3.small', '--availability', '90%', '--lookback', '3d']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'max bid $0.2000/h: the lowest price to run at least 90% of the last 3d; it ran 100% of the time, never revoked',
      'Error: server error 500: boom',
      'Hint: the spot may have been added; rerun with the same key to get it: fas spots add --metro sv --plan c3.small --retries 1 --max-price 0.2 --idempotency-key k-1',
    ]);
  });

  it('a refusal, a 4xx, a 503 with Retry-After or only 429s prove nothing was done: no rerun hint', async () => {
    const gone = await fas(['spots', 'convert', 'gone']);
    expect(gone.code).toBe(4);
    expect(gone.stderr).toBe('Error: no spot gone\n');
    // A 503 with Retry-After is the server's own "come back later": nothing was done.
    const later = await fas(['spots', 'convert', 'later']);
    expect(later.code).toBe(1);
    expect(later.stderr).toBe('Error: server error 503: no error message\n');
    // A rate limiter turns a request away before any work: every attempt was refused.
    const limited = await fas(['spots', 'remove', 'limited', '--wait']);
    expect(limited.code).toBe(1);
    expect(limited.stderr).toMatch(/^Error: rate limited by the server.*\nHint: try again later, or raise --retries\n$/);
    const refused = await fas(['spots', 'add'], 'http://127.0.0.1:9');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/connection refused\nHint: is the sandbox running\?/);
  });
});
