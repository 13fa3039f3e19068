// `fas spots watch` and `fas spots wait` against the sandbox, moved with
// `sandbox price set` and `sandbox clock advance`: termination hooks run
// once per revoked spot with its environment and the notice on stdin, never
// for a converted spot, are stopped when their spot goes, and
// --exit-when-empty ends once the pool is gone.
import { readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Event, Spot } from '../../src/api/types.js';
import { STACK_TRACE, tempDir } from '../helpers/cli.js';
import { fakeServer } from '../helpers/fake-server.js';
import { startFas, type RunningFas } from '../helpers/process.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
const watches: RunningFas[] = [];
beforeEach(async () => {
  t = await withSandbox({ admin: true });
});
afterEach(async () => {
  for (const w of watches.splice(0)) w.kill('SIGKILL');
  await t.close();
});

const MARKET = ['--metro', 'sv', '--plan', 'c3.small'];
const addSpots = async (n: number, metro = 'sv') =>
  Promise.all(Array.from({ length: n }, () => t.json<Spot>(['spots', 'add', '--wait', '--metro', metro, '--plan', 'c3.small', '--max-price', '0.9'])));

/** A hook that leaves, per run, its FAS_ variables and its stdin in `dir`. */
const recorder = (dir: string) => `env | grep '^FAS_' | grep -v '^FAS_TOKEN' > "${dir}/$FAS_SPOT_ID.$$.env"; cat > "${dir}/$FAS_SPOT_ID.$$.json"`;

function runs(dir: string): { spot: string; env: Record<string, string>; stdin: Event }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const base = f.replace(/\.json$/, '');
      const env = Object.fromEntries(readFileSync(join(dir, `${base}.env`), 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      return { spot: base.split('.')[0]!, env, stdin: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Event };
    });
}

function watch(args: string[]): RunningFas {
  const w = startFas(['spots', 'watch', ...args], t.env);
  watches.push(w);
  return w;
}

describe('fas spots watch --on-termination', () => {
  it('runs the hook once per revoked spot, at once, with its environment and the notice on stdin; never for a converted spot', async () => {
    const spots = await addSpots(3);
    const converted = (await addSpots(1))[0]!;
    expect((await t.fas(['spots', 'convert', converted.id])).code).toBe(0);
    const dir = tempDir('fas-hooks-');
    const w = watch(['--on-termination', recorder(dir), '--exit-when-empty']);
    await expect.poll(() => w.stderr(), { timeout: 10_000 }).toContain('watching 4 spots');

    expect((await t.fas(['sandbox', 'price', 'set', ...MARKET, '2'])).code).toBe(0);
    await expect.poll(() => runs(dir).length, { timeout: 10_000 }).toBe(3);
    // The notices again, or anything else: no second run for a spot.
    expect((await t.fas(['sandbox', 'price', 'set', ...MARKET, '3'])).code).toBe(0);
    expect((await t.fas(['spots', 'remove', converted.id, '--wait'])).code).toBe(0);
    expect((await t.fas(['sandbox', 'clock', 'advance', '121s'])).code).toBe(0);
    const end = await w.ended();
    expect(end.code, w.stderr()).toBe(0);

    const done = runs(dir);
    expect(done.map((r) => r.spot).sort()).toEqual(spots.map((s) => s.id).sort());
    for (const run of done) {
      const spot = spots.find((s) => s.id === run.spot)!;
      expect(run.stdin).toMatchObject({ type: 'spot.termination_notice', resource_id: spot.id, data: { ip: spot.ip, price: 2, spot_price_max: 0.9 } });
      const left = Number(run.env.FAS_SECONDS_LEFT);
      expect(left).toBeGreaterThanOrEqual(110);
      expect(left).toBeLessThanOrEqual(120);
      expect(run.env).toMatchObject({
        FAS_SPOT_ID: spot.id,
        FAS_SPOT_IP: spot.ip,
        FAS_SPOT_HOSTNAME: spot.hostname,
        FAS_TERMINATION_TIME: (run.stdin as { data: { termination_time: string } }).data.termination_time,
        FAS_EVENT_TYPE: 'spot.termination_notice',
        FAS_API_URL: t.sandbox.url,
      });
    }
    const out = w.stdout().trimEnd().split('\n');
    for (const spot of spots) {
      expect(out).toContainEqual(expect.stringMatching(new RegExp(`^\\S+Z spot ${spot.id} terminating \\(termination in 120s\\)$`)));
      expect(out).toContainEqual(expect.stringMatching(new RegExp(`^\\S+Z spot ${spot.id} removed \\(revoked\\)$`)));
      expect(w.stderr()).toContain(`hook for spot ${spot.id} exited 0\n`);
    }
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^\\S+Z spot ${converted.id} removed \\(removed\\)$`)));
    expect(w.stdout() + w.stderr()).not.toContain(`hook for spot ${converted.id}`);
    expect(w.stderr()).toContain('the pool is empty\n');
    expect(w.stderr()).not.toMatch(STACK_TRACE);
  }, 60_000);

  it('stops a hook still running when its spot is removed (SIGTERM to its group), says so, then exits 5 with --exit-when-empty: that drain did not end well', async () => {
    const [spot] = await addSpots(1);
    const dir = tempDir('fas-hooks-');
    const w = watch([spot!.id, '--on-termination', `touch "${dir}/started"; sleep 600 & wait`, '--exit-when-empty']);
    await expect.poll(() => w.stderr(), { timeout: 10_000 }).toContain('watching 1 spot');
    await t.fas(['sandbox', 'price', 'set', ...MARKET, '2']);
    await expect.poll(() => readdirSync(dir), { timeout: 10_000 }).toEqual(['started']);
    await t.fas(['sandbox', 'clock', 'advance', '121s']);
    const end = await w.ended();
    expect(end.code).toBe(5);
    expect(w.stderr()).toContain(`hook for spot ${spot!.id} was stopped (SIGTERM) when its spot was removed\n`);
    expect(w.stderr()).toContain('every spot watched is removed\n');
    expect(w.stderr()).toMatch(
      new RegExp(`\nError: 1 of 1 termination hooks did not end well: hook for spot ${spot!.id} was stopped \\(SIGTERM\\) when its spot was removed\n$`),
    );
  }, 60_000);

  it('runs the hook of a spot already under notice when the watch starts, with its notice; --json prints each event once', async () => {
    const [noticed, other] = [(await addSpots(1))[0]!, (await addSpots(1, 'ny'))[0]!];
    await t.fas(['sandbox', 'price', 'set', ...MARKET, '2']);
    const dir = tempDir('fas-hooks-');
    const w = watch(['--json', '--on-termination', recorder(dir), '--on-event', `echo "$FAS_EVENT_ID $FAS_EVENT_TYPE $FAS_RESOURCE_ID" >> "${dir}/events.log"`]);
    await expect.poll(() => runs(dir).length, { timeout: 10_000 }).toBe(1);
    expect(runs(dir)[0]).toMatchObject({ spot: noticed.id, stdin: { type: 'spot.termination_notice', resource_id: noticed.id } });
    await t.fas(['spots', 'remove', other.id, '--wait']);
    await expect.poll(() => w.stdout().trimEnd().split('\n').length, { timeout: 10_000 }).toBe(4);
    const printed = w.stdout().trimEnd().split('\n').map((l) => JSON.parse(l) as Event);
    expect(printed.map((e) => [e.type, e.resource_id])).toEqual([
      ['spot.termination_notice', noticed.id],
      ['spot.removing', other.id],
      ['spot.removed', other.id],
      ['execution.completed', expect.any(String)],
    ]);
    await expect.poll(() => readFileSync(join(dir, 'events.log'), 'utf8').trim().split('\n').length).toBe(4);
    // Hooks run at once, beside each other: each event's hook ran once, in whatever order they finished.
    expect(readFileSync(join(dir, 'events.log'), 'utf8').trim().split('\n').map((l) => l.split(' ')[0]).sort()).toEqual(printed.map((e) => e.id).sort());
    w.kill('SIGINT');
    expect((await w.ended()).code).toBe(130);
    expect(w.stderr()).toContain('Error: stopped watching\n');
  }, 60_000);

  it('runs the hook of a spot noticed between the cursor the watch takes and the list it reads, once', async () => {
    const [spot] = await addSpots(1);
    // In front of the sandbox: the first list of spots is forwarded only once the market has passed the spot's bid,
    // so the list shows it terminating and its notice comes after the cursor taken just before.
    let moved = false;
    const proxy = await fakeServer((req, res) => {
      void (async () => {
        if (!moved && req.method === 'GET' && /^\/api\/spots(\?|$)/.test(req.url!)) {
          moved = true;
          await t.fas(['sandbox', 'price', 'set', ...MARKET, '2']);
        }
        const upstream = request(`${t.sandbox.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode!, answer.headers);
          answer.pipe(res);
        });
        // A long poll still held when the test ends.
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      })();
    });
    try {
      const dir = tempDir('fas-hooks-');
      const w = startFas(['spots', 'watch', '--json', '--on-termination', recorder(dir)], { ...t.env, FAS_API_URL: proxy.url });
      watches.push(w);
      await expect.poll(() => runs(dir).length, { timeout: 10_000 }).toBe(1);
      expect(moved).toBe(true);
      expect(runs(dir)[0]).toMatchObject({ spot: spot!.id, stdin: { type: 'spot.termination_notice', resource_id: spot!.id } });
      await expect.poll(() => w.stdout().trimEnd().split('\n').filter(Boolean).length).toBe(1);
      expect(JSON.parse(w.stdout()) as Event).toMatchObject({ type: 'spot.termination_notice', resource_id: spot!.id });
      w.kill('SIGINT');
      expect((await w.ended()).code).toBe(130);
      expect(runs(dir)).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});

describe('fas spots wait', () => {
  it('exits 0 once the spot is in the state waited for, or already is; prints the spot', async () => {
    const added = await t.json<{ resource_id: string }>(['spots', 'add', ...MARKET, '--max-price', '0.9']);
    const active = await t.fas(['spots', 'wait', added.resource_id, '--for', 'active', '--json']);
    expect(active.code, active.stderr).toBe(0);
    expect(JSON.parse(active.stdout)).toMatchObject({ id: added.resource_id, state: 'active' });
    const again = await t.fas(['spots', 'wait', added.resource_id, '--for', 'active', '-q']);
    expect(again.stdout).toBe(`${added.resource_id}\n`);

    const terminating = t.fas(['spots', 'wait', added.resource_id, '--for', 'terminating', '--json']);
    const removed = t.fas(['spots', 'wait', added.resource_id, '--for', 'removed', '--json']);
    await t.fas(['sandbox', 'price', 'set', ...MARKET, '2']);
    const noticed = await terminating;
    expect(noticed.code, noticed.stderr).toBe(0);
    expect(JSON.parse(noticed.stdout)).toMatchObject({ state: 'terminating', termination_time: expect.any(String) });

    const never = await t.fas(['spots', 'wait', added.resource_id, '--for', 'active']);
    expect(never.code).toBe(7);
    expect(never.stderr).toMatch(/^Error: spot \S+ is under termination notice \(terminates at \S+Z\): it will never be active\n$/);

    await t.fas(['sandbox', 'clock', 'advance', '121s']);
    const gone = await removed;
    expect(gone.code, gone.stderr).toBe(0);
    expect(JSON.parse(gone.stdout)).toMatchObject({ state: 'removed' });
    const late = await t.fas(['spots', 'wait', added.resource_id, '--for', 'removed', '-q']);
    expect(late.code).toBe(0);
  }, 60_000);

  it('exits 6 on timeout, 4 for no such spot (a watch too), 2 for a state it cannot wait for or an empty id', async () => {
    const [spot] = await addSpots(1);
    const slow = await t.fas(['spots', 'wait', spot!.id, '--for', 'removed', '--timeout', '1s']);
    expect(slow.code).toBe(6);
    expect(slow.stderr.trimEnd().split('\n')).toEqual([
      `Error: gave up waiting for spot ${spot!.id} to be removed after 1s (it is active)`,
      `Hint: fas spots get ${spot!.id}`,
    ]);
    const unknown = await t.fas(['spots', 'wait', '00000000-0000-4000-8000-000000000000', '--for', 'active']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr.trimEnd()).toBe("Error: no spot '00000000-0000-4000-8000-000000000000'");
    const unwatched = await t.fas(['spots', 'watch', spot!.id, '00000000-0000-4000-8000-000000000000']);
    expect(unwatched.code).toBe(4);
    expect(unwatched.stderr.trimEnd()).toBe("Error: no spot '00000000-0000-4000-8000-000000000000'");
    const empty = await t.fas(['spots', 'watch', spot!.id, '']);
    expect(empty.code).toBe(2);
    expect(empty.stderr.trimEnd()).toBe('Error: the argument <id-or-ip> must not be empty\nHint: see fas spots watch --help');
    const bad = await t.fas(['spots', 'wait', spot!.id, '--for', 'gone']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe("Error: option '--for <state>' argument 'gone' is invalid. Allowed choices are active, terminating, removed.");
  });
});
