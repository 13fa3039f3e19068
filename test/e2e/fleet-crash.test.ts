// A fleet's controller killed (kill -9) in the middle of its purchases, and
// the sandbox under it killed and restarted, with faults on every request:
// nothing is bought twice, and the fleet ends at its target.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FasClient } from '../../src/client/client.js';
import { fleetSpots, slotOf } from '../../src/fleet/live.js';
import { runFas, tempDir } from '../helpers/cli.js';
import { restartableSandbox } from '../helpers/sandbox.js';
import { startFas } from '../helpers/process.js';

const FAULTS = 'drop=0.05,503=0.05,latency=50-400ms';

describe('fas fleet keep across kills', () => {
  const dataDir = tempDir('fas-fleet-crash-');
  const env = { FAS_CONFIG_DIR: tempDir('fas-fleet-crash-config-'), FAS_RETRIES: '10' };
  const fas = (args: string[]) => runFas(args, { env, timeoutMs: 60_000 });
  afterAll(async () => {
    await fas(['sandbox', 'stop', '--data', dataDir]);
  });

  it('a controller killed mid-purchase, then restarted, and a sandbox killed under it, buy nothing twice', async () => {
    const start = await restartableSandbox(fas, { dataDir, faults: FAULTS, provisionSeconds: 0.5 });
    let sandbox = await start();
    const client = new FasClient({ apiUrl: sandbox.url, token: readFileSync(`${dataDir}/token`, 'utf8').trim(), retries: 10 });
    for (const metro of ['sv', 'ny', 'am']) expect((await fas(['sandbox', 'price', 'set', '--metro', metro, '--plan', 'c3.small', '0.2'])).code).toBe(0);
    const keep = ['fleet', 'keep', 'crash', '--count', '6', '--plan', 'c3.small', '--metro', 'sv,ny,am', '--max-price', '0.4', '--cooldown', '0s', '--period', '1s', '--max-surge', '2'];

    // Killed as soon as its first purchase is in: the others are in flight.
    const first = startFas(keep, env);
    await expect.poll(async () => (await fleetSpots(client, 'crash')).live.length, { timeout: 20_000, interval: 20 }).toBeGreaterThan(0);
    first.kill('SIGKILL');
    await first.ended();

    // A second controller, and the sandbox killed under it.
    const second = startFas(keep, env);
    try {
      await expect.poll(async () => (await fleetSpots(client, 'crash')).live.length, { timeout: 20_000, interval: 50 }).toBeGreaterThan(2);
      process.kill(sandbox.pid, 'SIGKILL');
      sandbox = await start();
      await expect
        .poll(async () => (await fleetSpots(client, 'crash')).live.filter((s) => s.state === 'active').length, { timeout: 40_000, interval: 200 })
        .toBe(6);
      // A few more periods change nothing.
      await new Promise((r) => setTimeout(r, 2500));
    } finally {
      second.kill('SIGKILL');
      await second.ended();
    }
    const once = await fas([...keep, '--once']);
    expect(once.code, once.stderr).toBe(0);

    const { live } = await fleetSpots(client, 'crash');
    const removed = await client.spots.listAll({ tag: ['fas-fleet:crash'], state: 'removed' });
    expect(live).toHaveLength(6);
    expect(new Set(live.map((s) => slotOf(s).slot))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    // Nothing was ever bought twice: every slot has had one spot.
    expect(removed).toHaveLength(0);
    expect(second.stderr()).not.toMatch(/Error:/);
  }, 120_000);
});
