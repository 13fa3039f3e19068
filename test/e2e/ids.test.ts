// Ids a person can type, and several at once: every argument that names a
// spot, a bid or an execution takes a unique prefix of 4+ hex characters
// (and a spot its IP or hostname); remove, delete and cancel take several,
// each reported on its own line, the exit code the highest of theirs; and
// removing more than one thing (or the newest spot) asks first.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bid, Execution, Spot } from '../../src/api/types.js';
import { baseEnv, FAS_BIN, STACK_TRACE } from '../helpers/cli.js';
import { givePrefix, withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox({ admin: true });
});
afterAll(() => t.close());

async function addSpots(n: number): Promise<Spot[]> {
  const spots: Spot[] = [];
  for (let i = 0; i < n; i++) spots.push(await t.json<Spot>(['spots', 'add', '--wait']));
  return spots;
}

/**
 * `n` active spots at once: a bid that a market held below it fills at once
 * (the sandbox needs --admin), cancelled then so that it fills no more.
 */
async function filled(sandbox: TestSandbox, n: number): Promise<Spot[]> {
  await sandbox.json(['sandbox', 'price', 'set', '--metro', 'sg', '--plan', 'c3.small', '0.1']);
  const bid = await sandbox.json<Bid>(['bids', 'create', '--metro', 'sg', '--plan', 'c3.small', '--min', String(n), '--max', String(n), '--max-price', '0.2']);
  await sandbox.json(['bids', 'delete', bid.id]);
  return sandbox.json<Spot[]>(['spots', 'list', '--bid', bid.id]);
}

/** The hint that lists what an ambiguous name matches, in the order the API lists them (by id). */
function couldBe(matches: readonly { id: string; hostname?: string }[]): string {
  const items = [...matches].sort((a, b) => (a.id < b.id ? -1 : 1)).map((m) => (m.hostname ? `${m.id} (${m.hostname})` : m.id));
  return `Hint: it could be ${items.slice(0, -1).join(', ')} or ${items.at(-1)}; give more of the id`;
}

describe('a spot named by a prefix, its IP or its hostname', () => {
  let a: Spot;
  let b: Spot;
  let lone: Spot;

  beforeAll(async () => {
    const [x, y, z] = await filled(t, 3);
    const [ai, bi] = givePrefix(t.sandbox.dataDir, 'spots', [x!.id, y!.id], 'ab12');
    const [li] = givePrefix(t.sandbox.dataDir, 'spots', [z!.id], 'ab13');
    [a, b, lone] = [{ ...x!, id: ai! }, { ...y!, id: bi! }, { ...z!, id: li! }];
  });

  it('gets, by a unique prefix in either case, by IP and by hostname', async () => {
    for (const ref of ['ab13', 'AB13', lone.id.slice(0, 12), lone.ip, lone.hostname]) {
      const r = await t.fas(['spots', 'get', ref, '-q']);
      expect([r.code, r.stdout, r.stderr], ref).toEqual([0, `${lone.id}\n`, '']);
    }
  });

  it('an ambiguous prefix is exit 2, listing the matches with their hostnames; nothing is done', async () => {
    for (const args of [['spots', 'get', 'ab12'], ['spots', 'remove', 'AB12'], ['spots', 'convert', 'ab12']]) {
      const r = await t.fas(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`Error: ambiguous id prefix '${args[2]}': it matches 2 spots\n${couldBe([a, b])}\n`);
    }
    for (const s of [a, b]) expect((await t.json<Spot>(['spots', 'get', s.id])).spot_instance).toBe(true);
  });

  it('a prefix of 1 to 3 characters that is no IP or hostname is exit 2', async () => {
    for (const args of [['spots', 'get', 'ab1'], ['spots', 'remove', 'a'], ['spots', 'convert', 'AB']]) {
      const r = await t.fas(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`Error: invalid request: id: '${args[2]}' names no spot, and an id prefix needs at least 4 characters\n`);
    }
  });

  it('a hostname two spots share is exit 2, listing both; a prefix that names nothing is exit 4', async () => {
    for (const s of [a, b]) {
      const res = await fetch(`${t.sandbox.url}/api/spots/${s.id}`, {
        method: 'PUT',
        headers: { authorization: `Token ${t.sandbox.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ hostname: 'twin' }),
      });
      expect(res.status).toBe(200);
    }
    const twin = await t.fas(['spots', 'remove', 'twin']);
    expect([twin.code, twin.stderr]).toEqual([2, `Error: hostname 'twin' names 2 spots\n${couldBe([{ ...a, hostname: 'twin' }, { ...b, hostname: 'twin' }])}\n`]);
    const none = await t.fas(['spots', 'get', 'ffff0']);
    expect([none.code, none.stderr]).toEqual([4, "Error: no spot 'ffff0'\n"]);
  });

  it('converts by prefix, and removes by IP and by id', async () => {
    const converted = await t.json<Spot>(['spots', 'convert', lone.id.slice(0, 6)]);
    expect([converted.id, converted.spot_instance]).toEqual([lone.id, false]);
    const byIp = await t.json<Execution>(['spots', 'remove', a.ip]);
    const byId = await t.json<Execution>(['spots', 'remove', b.id]);
    expect([byIp.resource_id, byId.resource_id]).toEqual([a.id, b.id]);
  });

  it('lists at most 10 matches, then how many more', async () => {
    const many = await filled(t, 12);
    const renamed = givePrefix(t.sandbox.dataDir, 'spots', many.map((s) => s.id), 'f00d');
    const r = await t.fas(['spots', 'get', 'f00d']);
    expect(r.code).toBe(2);
    const [error, hint] = r.stderr.trimEnd().split('\n');
    expect(error).toBe("Error: ambiguous id prefix 'f00d': it matches 12 spots");
    expect(hint).toMatch(/^Hint: it could be (f00d[0-9a-f-]{32} \(spot-sg-[0-9a-f]{6}\), ){9}f00d[0-9a-f-]{32} \(spot-sg-[0-9a-f]{6}\) and 2 more; give more of the id$/);
    await t.fas(['spots', 'remove', '--yes', ...renamed]);
  });
});

describe('a bid or an execution named by a prefix', () => {
  it('gets and cancels by a unique prefix; an ambiguous or too short one is exit 2', async () => {
    await t.json(['sandbox', 'price', 'set', '--metro', 'am', '--plan', 'c3.small', '0.4']);
    const create = () => t.json<Bid>(['bids', 'create', '--metro', 'am', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.1']);
    const [x, y] = givePrefix(t.sandbox.dataDir, 'bids', [(await create()).id, (await create()).id], 'b1d5') as [string, string];
    const ambiguous = await t.fas(['bids', 'get', 'b1d5']);
    expect([ambiguous.code, ambiguous.stderr]).toEqual([2, `Error: ambiguous id prefix 'b1d5': it matches 2 bids\n${couldBe([{ id: x }, { id: y }])}\n`]);
    const short = await t.fas(['bids', 'delete', 'b1d']);
    expect([short.code, short.stderr]).toEqual([2, "Error: invalid request: id: 'b1d' names no bid, and an id prefix needs at least 4 characters\n"]);
    const unique = x.slice(0, [...x].findIndex((c, i) => c !== y[i]) + 1);
    expect((await t.json<Bid>(['bids', 'get', unique.toUpperCase()])).id).toBe(x);
    expect((await t.json<Bid>(['bids', 'delete', unique])).state).toBe('cancelled');
    // The spots of a bid, named by a prefix as anywhere else.
    const [spot] = await filled(t, 1);
    const bidPrefix = spot!.bid_id!.slice(0, 6).toUpperCase();
    expect((await t.json<Spot[]>(['spots', 'list', '--bid', bidPrefix])).map((s) => s.id)).toEqual([spot!.id]);
    const none = await t.fas(['spots', 'list', '--bid', 'b1d5']);
    expect([none.code, none.stdout, none.stderr.split('\n')[0]]).toEqual([2, '', "Error: ambiguous id prefix 'b1d5': it matches 2 bids"]);
    await t.fas(['spots', 'remove', '--yes', spot!.id]);

    const slow = await withSandbox({ provisionSeconds: 60 });
    try {
      const started = [(await slow.json<Execution>(['spots', 'add'])).id, (await slow.json<Execution>(['spots', 'add'])).id];
      const [p, q] = givePrefix(slow.sandbox.dataDir, 'executions', started, 'e1e1') as [string, string];
      for (const args of [['executions', 'get', 'e1e1'], ['executions', 'cancel', 'E1E1'], ['executions', 'wait', 'e1e1']]) {
        const r = await slow.fas(args);
        const waiting = args[1] === 'wait' ? 'Waiting for execution e1e1...\n' : '';
        expect([r.code, r.stderr], args.join(' ')).toEqual([2, `${waiting}Error: ambiguous id prefix '${args[2]}': it matches 2 executions\n${couldBe([{ id: p }, { id: q }])}\n`]);
      }
      const tooShort = await slow.fas(['executions', 'get', 'e1']);
      expect([tooShort.code, tooShort.stderr]).toEqual([2, "Error: invalid request: id: 'e1' names no execution, and an id prefix needs at least 4 characters\n"]);
      const pUnique = p.slice(0, [...p].findIndex((c, i) => c !== q[i]) + 1);
      expect((await slow.json<Execution>(['executions', 'get', pUnique])).id).toBe(p);
      const cancelled = await slow.json<Execution>(['executions', 'cancel', pUnique]);
      expect([cancelled.id, cancelled.status]).toEqual([p, 'cancelled']);
    } finally {
      await slow.close();
    }
  });
});

describe('several ids at once', () => {
  it('removes each; one failing does not stop the others; the exit code is the highest of theirs', async () => {
    const [x, y] = await filled(t, 2);
    const r = await t.fas(['spots', 'remove', x!.id.slice(0, 8), 'no-such-spot', y!.ip, '--yes', '--json']);
    expect(r.code).toBe(4);
    const executions = JSON.parse(r.stdout) as Execution[];
    expect(executions.map((e) => e.resource_id)).toEqual([x!.id, y!.id]);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `removing spot ${x!.id} (execution ${executions[0]!.id})`,
      "Error: no-such-spot: no spot 'no-such-spot'",
      `removing spot ${y!.id} (execution ${executions[1]!.id})`,
    ]);
    for (const e of executions) await t.json(['executions', 'wait', e.id]);

    // Already removed (7) beside not found (4): 7.
    const worse = await t.fas(['spots', 'remove', x!.id, 'no-such-spot', '--yes']);
    expect(worse.code).toBe(7);
    expect(worse.stdout).toBe('');
    expect(worse.stderr.trimEnd().split('\n')).toEqual([`Error: ${x!.id}: spot ${x!.id} is already removed`, "Error: no-such-spot: no spot 'no-such-spot'"]);
    expect(worse.stderr).not.toMatch(STACK_TRACE);
  });

  it('with --wait, waits for all at once and prints the removed spots as a table, or their ids with -q', async () => {
    const spots = await filled(t, 3);
    const slow = await withSandbox({ provisionSeconds: 3, admin: true });
    try {
      const mine = (await filled(slow, 2)).map((s) => s.id);
      const r = await slow.fas(['spots', 'remove', ...mine, '--yes', '--wait', '-q']);
      expect([r.code, r.stdout, r.stderr]).toEqual([0, `${mine.join('\n')}\n`, '']);
      // A removal takes 3 s: one after the other, the second would have started 3 s after the first.
      const started = (await slow.json<Execution[]>(['executions', 'list', '--operation', 'spot.remove'])).map((e) => Date.parse(e.created_at));
      expect(Math.abs(started[0]! - started[1]!)).toBeLessThanOrEqual(1000);
    } finally {
      await slow.close();
    }
    const table = await t.fas(['spots', 'remove', ...spots.map((s) => s.id), '--yes', '--wait']);
    expect(table.code, table.stderr).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^ID\s+HOSTNAME\s+IP\s+STATE/);
    expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(spots.map((s) => s.id));
    expect(rows.every((row) => /\sremoved\s/.test(row))).toBe(true);
    expect(table.stderr.trimEnd().split('\n')).toEqual(['waiting for 3 spots to be removed...', ...spots.map((s) => `removed spot ${s.id}`)]);
  });

  it('with one key, sends KEY:ID for each id, so a rerun replays each', async () => {
    const [x, y] = await filled(t, 2);
    const args = ['spots', 'remove', x!.id, y!.hostname, '--yes', '--idempotency-key', 'job-7'];
    const first = await t.json<Execution[]>(args);
    const again = await t.json<Execution[]>(args);
    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
    // Each id's own request, replayed alone by its own key.
    const alone = await t.json<Execution>(['spots', 'remove', y!.hostname, '--idempotency-key', 'job-7:' + y!.hostname]);
    expect(alone.id).toBe(first[1]!.id);
  });

  it('cancels several executions and bids, each on its line', async () => {
    const slow = await withSandbox({ provisionSeconds: 60, admin: true });
    try {
      const ids = [(await slow.json<Execution>(['spots', 'add'])).id, (await slow.json<Execution>(['spots', 'add'])).id];
      const r = await slow.fas(['executions', 'cancel', ...ids, ids[0]!, '--yes']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr.trimEnd().split('\n')).toEqual(ids.map((id) => `cancelled execution ${id}`));
      expect(r.stdout.trimEnd().split('\n').slice(1).map((row) => row.split(/\s+/).slice(0, 3))).toEqual(ids.map((id) => [id, 'spot.add', 'cancelled']));

      await slow.json(['sandbox', 'price', 'set', '--metro', 'da', '--plan', 'c3.small', '0.1']);
      const bid = () => slow.json<Bid>(['bids', 'create', '--metro', 'da', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.2']);
      const bids = [await bid(), await bid()];
      const gone = await slow.fas(['bids', 'delete', ...bids.map((b) => b.id), '--force-termination', '--yes', '--json']);
      expect(gone.code, gone.stderr).toBe(0);
      expect((JSON.parse(gone.stdout) as Bid[]).map((b) => [b.id, b.state, b.spots])).toEqual(bids.map((b) => [b.id, 'cancelled', []]));
      expect(gone.stderr.trimEnd().split('\n')).toEqual(bids.map((b) => `cancelled bid ${b.id} and removed its spots`));
      const again = await slow.fas(['bids', 'delete', bids[0]!.id, bids[1]!.id]);
      expect(again.code).toBe(7);
      expect(again.stderr.trimEnd().split('\n')).toEqual(bids.map((b) => `Error: ${b.id}: bid ${b.id} has already ended (cancelled)`));
    } finally {
      await slow.close();
    }
  });

  it('off a terminal, asks for --yes before removing several, cancelling several, or a bid\'s spots; nothing is done', async () => {
    const spots = await filled(t, 2);
    const ids = spots.map((s) => s.id);
    const cases: [string[], string][] = [
      [['spots', 'remove', ...ids], 'remove 2 spots'],
      [['executions', 'cancel', 'e1', 'e2'], 'cancel 2 executions'],
      [['bids', 'delete', 'b1', '--force-termination'], 'terminate spots'],
    ];
    for (const [args, what] of cases) {
      const r = await t.fas(args);
      expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `Error: refusing to ${what} without --yes when not on a terminal\nHint: add --yes to go ahead\n`]);
    }
    for (const s of spots) expect((await t.json<Spot>(['spots', 'get', s.id])).state).toBe('active');
    await t.fas(['spots', 'remove', '--yes', ...ids]);
  });
});

/** `fas ARGS` on a pseudo-terminal; `answer` is typed once the question is up. */
function onTerminal(args: string[], answer: string): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const env = Object.entries(t.env).map(([k, v]) => `${k}=${v}`).join(' ');
    const command = `stty cols 200; env ${env} NO_COLOR=1 ${process.execPath} ${FAS_BIN} ${args.join(' ')}`;
    const child = spawn('script', ['-qec', command, '/dev/null'], { env: baseEnv() });
    let screen = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      screen += d;
      if (screen.includes('[y/N]') && child.stdin.writable) child.stdin.end(answer);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen: stripVTControlCharacters(screen).replace(/\r\n/g, '\n') }));
  });
}

describe.skipIf(!existsSync('/usr/bin/script'))('on a terminal, the same question everywhere', () => {
  it('removing the newest spot asks, naming it; no does nothing and exits 130, yes removes it', async () => {
    const [newest] = await addSpots(1);
    const no = await onTerminal(['spots', 'remove'], 'n\r');
    expect(no.code, no.screen).toBe(130);
    expect(no.screen).toContain(`Remove the newest spot, ${newest!.hostname} (${newest!.ip}), added `);
    expect(no.screen).toMatch(/^Error: not confirmed; nothing done$/m);
    expect((await t.json<Spot>(['spots', 'get', newest!.id])).state).toBe('active');
    const yes = await onTerminal(['spots', 'remove', '--wait'], 'y\r');
    expect(yes.code, yes.screen).toBe(0);
    expect(yes.screen).toMatch(new RegExp(`^ID +${newest!.id}$`, 'm'));
    expect((await t.json<Spot>(['spots', 'get', newest!.id])).state).toBe('removed');
  });

  it('removing several spots, cancelling several executions and terminating a bid\'s spots ask alike', async () => {
    const spots = await filled(t, 2);
    const ids = spots.map((s) => s.id.slice(0, 8));
    const remove = await onTerminal(['spots', 'remove', ...ids], 'y\r');
    expect(remove.code, remove.screen).toBe(0);
    expect(remove.screen).toContain(`Remove 2 spots (${ids.join(', ')})? [y/N] `);
    const cancel = await onTerminal(['executions', 'cancel', 'abcd1', 'abcd2'], '\r');
    expect(cancel.code, cancel.screen).toBe(130);
    expect(cancel.screen).toContain('Cancel 2 executions (abcd1, abcd2)? [y/N] ');
    expect(cancel.screen).toMatch(/^Error: not confirmed; nothing done$/m);
    await t.json(['sandbox', 'price', 'set', '--metro', 'fr', '--plan', 'c3.small', '0.1']);
    const bid = await t.json<Bid>(['bids', 'create', '--metro', 'fr', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '0.2']);
    const terminate = await onTerminal(['bids', 'delete', bid.id.slice(0, 6), '--force-termination'], 'yes\r');
    expect(terminate.code, terminate.screen).toBe(0);
    expect(terminate.screen).toContain(`Cancel bid ${bid.id} and remove its 1 spot(s)? [y/N] `);
    expect((await t.json<Bid>(['bids', 'get', bid.id])).state).toBe('cancelled');
    // --yes skips the question on a terminal too; with no id, --newest then says which.
    const [last] = await addSpots(1);
    const skipped = await onTerminal(['spots', 'remove', '--newest', '--yes', '--wait', '-q'], '');
    expect(skipped.screen).not.toContain('[y/N]');
    expect(skipped.screen).toContain(last!.id);
  });
});
