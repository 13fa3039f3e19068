// How a watch's termination hooks (drains) end, against the sandbox in this
// process: a hook whose shell goes at SIGTERM while what it started ignores
// it is killed 5 s later, whether its spot went or Ctrl-C came; the exit
// code of --exit-when-empty says whether every drain ended well; and
// FAS_SECONDS_LEFT is counted on the server's clock, however far it is
// from this machine's.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Spot } from '../../src/api/types.js';
import { tempDir } from '../helpers/cli.js';
import { HostExit, runInProcess, TestHost } from '../helpers/run-cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await withSandbox({ admin: true });
});
afterEach(() => t.close());

const MARKET = ['--metro', 'sv', '--plan', 'c3.small'];
const addSpot = () => t.runJson<Spot>(['spots', 'add', '--wait', ...MARKET, '--max-price', '0.9']);
const watch = (args: string[], host = new TestHost()) => runInProcess(['spots', 'watch', ...args], { env: { ...t.env, NO_COLOR: '1' } }, host);
/** Whether the process runs: a zombie (killed, and orphaned where nothing reaps) does not. */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/**
 * A hook whose shell forks (two commands) and dies at SIGTERM, while the
 * shell it started ignores SIGTERM, as does its sleep; the inner shell's pid
 * goes to `dir`/pid.
 */
const stubborn = (dir: string) => `sh -c 'trap "" TERM; echo $$ > "${dir}/pid"; sleep 600'; echo never`;

/** A spot put under notice while a watch runs a stubborn hook for it: the watch under way, and the hook's pid once it has started. */
async function stubbornDrain(args: string[], host = new TestHost()) {
  const spot = await addSpot();
  const dir = tempDir('fas-drain-');
  const watching = watch([spot.id, ...args, '--on-termination', stubborn(dir)], host);
  expect((await t.run(['sandbox', 'price', 'set', ...MARKET, '2'])).code).toBe(0);
  await expect.poll(() => existsSync(join(dir, 'pid')), { timeout: 10_000 }).toBe(true);
  return { spot, watching, pid: Number(readFileSync(join(dir, 'pid'), 'utf8')) };
}

describe('a termination hook that ignores SIGTERM', () => {
  it('is killed (SIGKILL to its group) 5 s after its spot is removed, and --exit-when-empty then exits 5', async () => {
    const { spot, watching, pid } = await stubbornDrain(['--exit-when-empty']);
    const removedAt = Date.now();
    expect((await t.run(['sandbox', 'clock', 'advance', '121s'])).code).toBe(0);
    const r = await watching;
    const took = Date.now() - removedAt;
    expect(r.code, r.stderr).toBe(5);
    expect(took).toBeGreaterThanOrEqual(5_000);
    expect(took).toBeLessThan(9_000);
    const said = `hook for spot ${spot.id} was killed (SIGKILL): it did not stop within 5s of SIGTERM when its spot was removed`;
    expect(r.stderr).toContain(`\n${said}\n`);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`Error: 1 of 1 termination hooks did not end well: ${said}`);
    expect(alive(pid)).toBe(false);
  }, 30_000);

  it('is killed 5 s after SIGTERM also when it no longer holds the output the watch reads', async () => {
    const spot = await addSpot();
    const dir = tempDir('fas-drain-');
    const hook = `sh -c 'trap "" TERM; echo $$ > "${dir}/pid"; exec sleep 600' > /dev/null 2>&1; echo never`;
    const watching = watch([spot.id, '--exit-when-empty', '--on-termination', hook]);
    expect((await t.run(['sandbox', 'price', 'set', ...MARKET, '2'])).code).toBe(0);
    await expect.poll(() => existsSync(join(dir, 'pid')) && readFileSync(join(dir, 'pid'), 'utf8'), { timeout: 10_000 }).toMatch(/\n$/);
    const pid = Number(readFileSync(join(dir, 'pid'), 'utf8'));
    const removedAt = Date.now();
    expect((await t.run(['sandbox', 'clock', 'advance', '121s'])).code).toBe(0);
    // The shell goes at SIGTERM, and with it the last of the hook's output: the watch ends, its drain stopped.
    const r = await watching;
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain(`hook for spot ${spot.id} was stopped (SIGTERM) when its spot was removed\n`);
    expect(alive(pid)).toBe(true);
    await expect.poll(() => alive(pid), { timeout: 9_000 }).toBe(false);
    expect(Date.now() - removedAt).toBeGreaterThanOrEqual(5_000);
  }, 30_000);

  it('is killed 5 s after the first Ctrl-C, which then ends the watch (130)', async () => {
    const host = new TestHost();
    const { spot, watching, pid } = await stubbornDrain([], host);
    host.send('SIGINT');
    const r = await watching;
    expect(r.code).toBe(130);
    expect(host.exitCode).toBeUndefined();
    expect(r.stderr).toContain(`hook for spot ${spot.id} was killed (SIGKILL): it did not stop within 5s of SIGTERM when the watch was stopped\n`);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('Error: stopped watching');
    expect(alive(pid)).toBe(false);
  }, 30_000);
});

describe('a second signal while the hooks are being stopped', () => {
  it('ends the watch at once: a second SIGTERM exits 143 without waiting for the hook', async () => {
    const host = new TestHost();
    const { watching } = await stubbornDrain([], host);
    host.send('SIGTERM');
    expect(host.exitCode).toBeUndefined();
    expect(() => host.send('SIGTERM')).toThrow(HostExit);
    expect(host.exitCode).toBe(143);
    // In a real process the exit is the end; here the watch still stops its hook, as it would have.
    expect((await watching).code).toBe(143);
  }, 30_000);
});

describe('fas spots watch --exit-when-empty', () => {
  it('exits 5 when a drain failed, naming it; 0 when every drain exited 0', async () => {
    const [failing, fine] = [await addSpot(), await addSpot()];
    const dir = tempDir('fas-drain-');
    const hook = `touch "${dir}/$FAS_SPOT_ID"; [ "$FAS_SPOT_ID" != "${failing.id}" ] || exit 3`;
    const watching = watch(['--exit-when-empty', '--on-termination', hook]);
    expect((await t.run(['sandbox', 'price', 'set', ...MARKET, '2'])).code).toBe(0);
    await expect.poll(() => readdirSync(dir).length, { timeout: 10_000 }).toBe(2);
    expect((await t.run(['sandbox', 'clock', 'advance', '121s'])).code).toBe(0);
    const r = await watching;
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toMatch(new RegExp(`hook for spot ${fine.id} exited 0( after SIGTERM when its spot was removed)?\n`));
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(`^Error: 1 of 2 termination hooks did not end well: hook for spot ${failing.id} exited 3( after SIGTERM when its spot was removed)?$`),
    );

    expect((await t.run(['sandbox', 'price', 'set', ...MARKET, '0.3'])).code).toBe(0);
    const another = await addSpot();
    const ok = watch([another.id, '--exit-when-empty', '--on-termination', `cat > "${dir}/.$FAS_SPOT_ID" && mv "${dir}/.$FAS_SPOT_ID" "${dir}/$FAS_SPOT_ID"`]);
    expect((await t.run(['sandbox', 'price', 'set', ...MARKET, '3'])).code).toBe(0);
    await expect.poll(() => readdirSync(dir).filter((f) => !f.startsWith('.')).length, { timeout: 10_000 }).toBe(3);
    expect((await t.run(['sandbox', 'clock', 'advance', '121s'])).code).toBe(0);
    const done = await ok;
    expect(done.code, done.stderr).toBe(0);
    // Its spot may go while the shell is on its way out: exit 0 is what counts.
    expect(done.stderr).toMatch(new RegExp(`hook for spot ${another.id} exited 0( after SIGTERM when its spot was removed)?\n`));
  }, 30_000);
});

describe('FAS_SECONDS_LEFT', () => {
  it('is counted on the server clock from the first answer, for a spot already under notice on a sandbox a day ahead', async () => {
    expect((await t.run(['sandbox', 'clock', 'advance', '1d'])).code).toBe(0);
    const spot = await addSpot();
    expect((await t.run(['sandbox', 'price', 'set', ...MARKET, '2'])).code).toBe(0);
    const dir = tempDir('fas-drain-');
    const host = new TestHost();
    const watching = watch([spot.id, '--on-termination', `echo "$FAS_SECONDS_LEFT" > "${dir}/left"`], host);
    await expect.poll(() => existsSync(join(dir, 'left')) && readFileSync(join(dir, 'left'), 'utf8'), { timeout: 10_000 }).toMatch(/\n$/);
    host.send('SIGINT');
    expect((await watching).code).toBe(130);
    const left = Number(readFileSync(join(dir, 'left'), 'utf8'));
    expect(left).toBeGreaterThanOrEqual(110);
    expect(left).toBeLessThanOrEqual(120);
  }, 30_000);
});
