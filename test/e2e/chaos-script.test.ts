// npm run chaos, small: its two scenarios (faults; faults and a kill -9 with a
// restart) with six commands each. Fewer retries than fas's default make
// some commands fail, so that their reruns with the same key are checked too.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../../scripts/chaos.mjs', import.meta.url));

interface Scenario {
  scenario: string;
  commands: number;
  faults_injected: number;
  exited_0: number;
  spots_expected: number;
  spots_found: number;
  doubled: number;
  lost: number;
  orphaned: number;
  reruns: number;
  reruns_exited_0: number;
  orphans_reached: number;
  spots_after_reruns: number;
  ok: boolean;
}

it('npm run chaos -- --commands 6: nothing doubled or lost, every orphan reached by its rerun, exit 0', async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [SCRIPT, '--commands', '6', '--retries', '1', '--provision-seconds', '0.2', '--json'], { timeout: 55_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
  expect(code, stderr).toBe(0);
  const summary = JSON.parse(stdout) as { ok: boolean; scenarios: Scenario[] };
  expect(summary.ok).toBe(true);
  expect(summary.scenarios.map((s) => s.scenario)).toEqual(['faults', 'faults-and-kill-9']);
  expect(stderr).toMatch(/killed the sandbox \(pid \d+\) with kill -9; restarting it on the same data/);
  for (const s of summary.scenarios) {
    expect(s.commands).toBe(6);
    expect(s.faults_injected).toBeGreaterThan(0);
    expect(s.spots_expected).toBe(s.exited_0);
    expect(s.spots_found).toBe(s.exited_0 + s.orphaned);
    expect(s.doubled).toBe(0);
    expect(s.lost).toBe(0);
    expect(s.reruns).toBe(6 - s.exited_0);
    expect(s.reruns_exited_0).toBe(s.reruns);
    expect(s.orphans_reached).toBe(s.orphaned);
    expect(s.spots_after_reruns).toBe(6);
  }
}, 60_000);
