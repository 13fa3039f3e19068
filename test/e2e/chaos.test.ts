// Nothing lost, nothing doubled: many `fas` processes at once against a
// sandbox that drops, resets, refuses and delays requests, or dies outright.
import { join } from 'node:path';
import { Connection } from '../../src/sandbox/store/sqlite.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { Execution, SandboxHealth, Spot } from '../../src/api/types.js';
import { runFas, tempDir, type RunResult } from '../helpers/cli.js';
import { withSandbox } from '../helpers/sandbox.js';
import { steadySeed } from '../helpers/market.js';
import { freePort } from '../helpers/process.js';

const FAULTS = 'drop=0.2,reset=0.05,503=0.1,429=0.05,latency=0-20ms';
// Enough that a run of bad luck across a dozen processes still ends well;
// what a CI script on a flaky network would set.
const RETRIES = '10';

/** Retries reported by --debug traces, summed over runs. */
function retriesIn(runs: RunResult[]): number {
  return runs.reduce((n, r) => n + (r.stderr.match(/^\[debug\] retry \d+\//gm)?.length ?? 0), 0);
}

/** The full health body, which only the sandbox's token gets. */
async function health(url: string, token: string): Promise<SandboxHealth> {
  return (await (await fetch(`${url}/_sandbox/health`, { headers: { authorization: `Token ${token}` } })).json()) as SandboxHealth;
}

describe('under injected faults', () => {
  it('ends every add and remove exactly once, and every command exits 0', async () => {
    const t = await withSandbox({ faults: FAULTS, seed: steadySeed(11), provisionSeconds: 0.2 });
    try {
      const env = { FAS_RETRIES: RETRIES };
      const fas = (args: string[]) => t.fas([...args, '--debug'], { env, timeoutMs: 60_000 });

      const adds = await Promise.all(Array.from({ length: 12 }, () => fas(['spots', 'add', '--wait', '--json'])));
      for (const r of adds) expect(r.code, r.stderr.split('\n').filter((l) => !l.startsWith('[debug]')).join('\n')).toBe(0);
      const added = adds.map((r) => JSON.parse(r.stdout) as Spot);
      expect(new Set(added.map((s) => s.id)).size).toBe(12);

      // Removes and more adds at once: the two must not disturb each other.
      const doomed = added.slice(0, 4);
      const second = await Promise.all([
        ...doomed.map((s) => fas(['spots', 'remove', s.id, '--wait', '--json'])),
        ...Array.from({ length: 4 }, () => fas(['spots', 'add', '--wait', '--json'])),
      ]);
      for (const r of second) expect(r.code, r.stderr.split('\n').filter((l) => !l.startsWith('[debug]')).join('\n')).toBe(0);

      // Read back without faults in the way of the counting.
      const spots = (await t.json<Spot[]>(['spots', 'list', '--all', '--state', 'active'], { env })) ?? [];
      const executions = await t.json<Execution[]>(['executions', 'list', '--all'], { env });
      const addsRun = executions.filter((e) => e.operation === 'spot.add');
      const removesRun = executions.filter((e) => e.operation === 'spot.remove');
      expect(spots).toHaveLength(12 - 4 + 4);
      expect(spots.map((s) => s.id)).not.toEqual(expect.arrayContaining([doomed[0]!.id]));
      expect(addsRun).toHaveLength(16);
      expect(removesRun).toHaveLength(4);
      expect(executions.every((e) => e.status === 'completed')).toBe(true);

      const { faults } = await health(t.sandbox.url, t.sandbox.token);
      const injected = Object.values(faults!.injected).reduce((a, b) => a + b, 0);
      // The dangerous fault must really have happened for the test to mean anything.
      expect(faults!.injected['drop-after'] ?? 0).toBeGreaterThan(0);
      const runs = [...adds, ...second];
      console.log(
        `chaos: ${runs.length} commands, ${faults!.requests} API requests, ${injected} faults injected ` +
          `(${JSON.stringify(faults!.injected)}), ${retriesIn(runs)} retries, ` +
          `lost ${16 - addsRun.length + (4 - removesRun.length)}, doubled ${Math.max(0, addsRun.length - 16) + Math.max(0, removesRun.length - 4)}`,
      );
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe('when the sandbox is killed mid-run', () => {
  const dataDir = tempDir('fas-crash-data-');
  const configDir = tempDir('fas-crash-config-');
  const fas = (args: string[], timeoutMs = 60_000) =>
    runFas(args, { env: { FAS_CONFIG_DIR: configDir, FAS_RETRIES: RETRIES }, timeoutMs });

  afterAll(async () => {
    await fas(['sandbox', 'stop', '--data', dataDir]);
  });

  it('lets the clients finish after a restart: nothing lost, nothing doubled, no corruption', async () => {
    const port = String(await freePort());
    const start = async () => {
      const r = await fas(['sandbox', 'start', '--detach', '--port', port, '--data', dataDir, '--provision-seconds', '2', '--seed', String(steadySeed()), '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { url: string; pid: number };
    };
    const first = await start();

    const n = 10;
    const add = () => fas(['spots', 'add', '--wait', '--json', '--debug']);
    const running = Array.from({ length: n / 2 }, add);
    const heard = running.length;
    // Kill it once these adds are in (each has reached the server, whether or
    // not its answer has come back) and their waits are held open...
    await expect
      .poll(async () => (JSON.parse((await fas(['executions', 'list', '--json'])).stdout) as Execution[]).length, { timeout: 30_000, interval: 50 })
      .toBeGreaterThanOrEqual(heard);
    process.kill(first.pid, 'SIGKILL');
    // ...and let more start while nothing answers.
    running.push(...Array.from({ length: n / 2 }, add));
    await start();

    const runs = await Promise.all(running);
    const errorsOf = (r: RunResult) => r.stderr.split('\n').filter((l) => !l.startsWith('[debug]')).join('\n');
    // Those that had answers before the kill ride it out. One that started
    // while nothing listened has never heard the server: it finishes if the
    // restart comes within its first second, else it says "connection
    // refused" having sent nothing.
    for (const r of runs.slice(0, heard)) expect(r.code, errorsOf(r)).toBe(0);
    for (const r of runs.slice(heard)) {
      if (r.code !== 0) expect(errorsOf(r), errorsOf(r)).toMatch(/^Error: cannot connect to .*: connection refused$/m);
    }
    const done = runs.filter((r) => r.code === 0);
    const ids = new Set(done.map((r) => (JSON.parse(r.stdout) as Spot).id));
    const spots = JSON.parse((await fas(['spots', 'list', '--all', '--json'])).stdout) as Spot[];
    const executions = JSON.parse((await fas(['executions', 'list', '--all', '--json'])).stdout) as Execution[];
    expect(ids.size).toBe(done.length);
    expect(retriesIn(runs), 'the kill went unnoticed').toBeGreaterThan(0);
    expect(spots.filter((s) => s.state === 'active')).toHaveLength(done.length);
    expect(executions.filter((e) => e.operation === 'spot.add')).toHaveLength(done.length);

    expect((await fas(['sandbox', 'stop', '--data', dataDir])).code).toBe(0);
    const db = new Connection(join(dataDir, 'sandbox.db'), { readOnly: true });
    try {
      expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    } finally {
      db.close();
    }
    console.log(
      `crash: ${n} adds across a kill -9, ${done.length} done, ${n - done.length} refused before any answer, ${retriesIn(runs)} retries, ` +
        `lost ${done.length - ids.size}, doubled ${executions.filter((e) => e.operation === 'spot.add').length - done.length}`,
    );
  }, 120_000);
});
