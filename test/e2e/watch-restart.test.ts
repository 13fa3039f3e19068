// A watch rides out a flaky network and a sandbox killed with kill -9 and
// restarted on the same data and port: every termination hook runs once,
// and every event is printed once, in order, none missing.
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Event, Spot } from '../../src/api/types.js';
import { runFas, tempDir } from '../helpers/cli.js';
import { restartableSandbox } from '../helpers/sandbox.js';
import { startFas } from '../helpers/process.js';

const FAULTS = 'drop=0.2,reset=0.05,503=0.1,latency=0-20ms';

describe('fas spots watch across faults and a kill -9 of the sandbox', () => {
  const dataDir = tempDir('fas-watch-crash-data-');
  const env = { FAS_CONFIG_DIR: tempDir('fas-watch-crash-config-'), FAS_RETRIES: '10' };
  const fas = (args: string[]) => runFas(args, { env, timeoutMs: 60_000 });
  afterAll(async () => {
    await fas(['sandbox', 'stop', '--data', dataDir]);
  });

  it('runs each hook once and prints each event once: nothing lost, nothing repeated', async () => {
    const start = await restartableSandbox(fas, { dataDir, faults: FAULTS, provisionSeconds: 0.2 });
    let sandbox = await start();
    const add = (metro: string) => fas(['spots', 'add', '--wait', '--metro', metro, '--plan', 'c3.small', '--max-price', '0.9', '--json']);
    const spots = (await Promise.all([...['sv', 'sv', 'sv', 'ny', 'ny', 'ny'].map(add)])).map((r) => {
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Spot;
    });
    const before = (await fas(['events', '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l) as Event);
    const hooks = tempDir('fas-watch-crash-hooks-');
    const w = startFas(['spots', 'watch', '--debug', '--json', '--exit-when-empty', '--on-termination', `touch "${hooks}/$FAS_SPOT_ID.$$"`], env);
    try {
      await expect.poll(() => w.stderr(), { timeout: 20_000 }).toContain('watching 6 spots');
      const ran = () => readdirSync(hooks).map((f) => f.split('.')[0]);

      expect((await fas(['sandbox', 'price', 'set', '--metro', 'sv', '--plan', 'c3.small', '2'])).code).toBe(0);
      await expect.poll(ran, { timeout: 20_000 }).toHaveLength(3);
      process.kill(sandbox.pid, 'SIGKILL');
      sandbox = await start();
      expect((await fas(['sandbox', 'price', 'set', '--metro', 'ny', '--plan', 'c3.small', '2'])).code).toBe(0);
      await expect.poll(ran, { timeout: 30_000 }).toHaveLength(6);
      process.kill(sandbox.pid, 'SIGKILL');
      sandbox = await start();
      expect((await fas(['sandbox', 'clock', 'advance', '121s'])).code).toBe(0);
      const end = await w.ended(60_000);
      expect(end.code, w.stderr()).toBe(0);

      expect(ran().sort()).toEqual(spots.map((s) => s.id).sort());
      const printed = w.stdout().trim().split('\n').map((l) => JSON.parse(l) as Event);
      const log = (await fas(['events', '--after', before.at(-1)!.id, '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l) as Event);
      expect(printed.map((e) => e.id)).toEqual(log.map((e) => e.id));
      expect(printed.filter((e) => e.type === 'spot.termination_notice')).toHaveLength(6);
      expect(printed.filter((e) => e.type === 'spot.removed')).toHaveLength(6);
      // The kills and the faults must really have reached the watch for this to mean anything.
      const retries = w.stderr().match(/^\[debug\] retry \d+\//gm)?.length ?? 0;
      expect(retries, 'the watch never had to retry').toBeGreaterThan(0);
      console.log(`watch across 2 kills and ${FAULTS}: ${printed.length} events printed once each, ${ran().length} hooks run once each, ${retries} retries`);
    } finally {
      w.kill('SIGKILL');
    }
  }, 120_000);
});
