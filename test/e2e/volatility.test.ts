// `fas sandbox start --volatility`: a market that churns more (or less) for
// the same seed, kept by the data directory across restarts.
import { afterAll, describe, expect, it } from 'vitest';
import { runFas, tempDir } from '../helpers/cli.js';
import { steadySeed } from '../helpers/market.js';

const seed = String(steadySeed());
const started: string[] = [];

afterAll(async () => {
  await Promise.all(started.map((dataDir) => runFas(['sandbox', 'stop', '--data', dataDir])));
});

/** A detached sandbox on a data directory of its own; the env that reaches it. */
async function sandbox(extra: string[], dataDir = tempDir('fas-vol-data-')): Promise<{ dataDir: string; env: Record<string, string> }> {
  const env = { FAS_CONFIG_DIR: tempDir('fas-vol-config-') };
  const r = await runFas(['sandbox', 'start', '--detach', '--port', '0', '--data', dataDir, '--seed', seed, ...extra, '--json'], { env });
  expect(r.code, r.stderr).toBe(0);
  started.push(dataDir);
  return { dataDir, env };
}

/** Revocations per day of a balanced bid over the last 7 days (a fixed window, so both sandboxes replay the same moments). */
async function churn(env: Record<string, string>, until: string): Promise<number> {
  const r = await runFas(['market', 'backtest', '--metro', 'sv', '--plan', 'c3.small', '--strategy', 'balanced', '--from', `${Number(until) - 7 * 86_400}`, '--until', until, '--json'], { env });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { revocations_per_day: number }).revocations_per_day;
}

describe('fas sandbox start --volatility', () => {
  it('high churns more than normal for the same seed, and a restart keeps it', async () => {
    const until = String(Math.floor(Date.now() / 1000 / 300) * 300);
    const normal = await sandbox([]);
    const high = await sandbox(['--volatility', 'high']);
    const calm = await churn(normal.env, until);
    const stormy = await churn(high.env, until);
    expect(stormy).toBeGreaterThan(calm);

    // Restarted without the flag, the data directory's market is still the stormy one.
    expect((await runFas(['sandbox', 'stop', '--data', high.dataDir])).code).toBe(0);
    const again = await sandbox([], high.dataDir);
    expect(await churn(again.env, until)).toBe(stormy);
  });

  it('refuses a level it does not know: exit 2', async () => {
    const r = await runFas(['sandbox', 'start', '--volatility', 'wild', '--data', tempDir('fas-vol-data-')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Error: option '--volatility <level>' argument 'wild' is invalid\. Allowed choices are low, normal, high\./);
  });
});
