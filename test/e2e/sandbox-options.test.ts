// A second `fas sandbox start --detach` on a data directory already served
// returns that sandbox only when it runs as the options given ask; and the
// controls against a sandbox without --admin name that cause and its fix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { differences } from '../../src/sandbox/differences.js';
import { runFas, tempDir } from '../helpers/cli.js';
import { withSandbox } from '../helpers/sandbox.js';

describe('fas sandbox start --detach on a data directory already served', () => {
  const dir = tempDir('fas-options-');
  const env = { FAS_CONFIG_DIR: tempDir('fas-options-config-') };
  let first: { url: string; pid: number };
  beforeAll(async () => {
    const r = await runFas(['sandbox', 'start', '--detach', '--port', '0', '--data', dir, '--volatility', 'low', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    first = JSON.parse(r.stdout) as { url: string; pid: number };
  });
  afterAll(() => runFas(['sandbox', 'stop', '--data', dir], { env }));

  it('with options it does not run with: exit 7, naming each, and how to restart; nothing started', async () => {
    const r = await runFas(['sandbox', 'start', '--detach', '--port', '0', '--data', dir, '--admin', '--volatility', 'high', '--faults', '503=0.1', '--rate-limit=50'], { env });
    expect(r.code).toBe(7);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `Error: a sandbox already serves ${dir} at ${first.url} (pid ${first.pid}), not as asked: it runs without --admin; without --faults, not with 503=0.1; with --volatility low, not high; with --rate-limit 200, not 50`,
      `Hint: to restart it as asked, stop it first (its spots, bids and executions are kept): fas sandbox stop --data ${dir}, then run this again`,
    ]);
    const status = await runFas(['sandbox', 'status', '--data', dir, '--json'], { env });
    expect(JSON.parse(status.stdout)).toMatchObject({ running: true, pid: first.pid });
  });

  it('with options it runs with, or none, or only those left at their defaults: the one serving, as before', async () => {
    for (const extra of [[], ['--volatility', 'low'], ['--rate-limit', '200', '--port', '0'], ['--provision-seconds', '2']]) {
      const r = await runFas(['sandbox', 'start', '--detach', '--data', dir, ...extra, '--json'], { env });
      expect(r.code, `${extra.join(' ')}: ${r.stderr}`).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ url: first.url, pid: first.pid });
    }
  });

  it('a record an older fas wrote (no options in it) is compared on its address only', () => {
    const state = { pid: 1, url: 'http://127.0.0.1:7878', host: '127.0.0.1', port: 7878, started_at: '', token: 't' };
    expect(differences(state, { admin: true, port: 7878 }, new Set(['admin', 'port']))).toEqual([]);
    expect(differences(state, { port: 7900 }, new Set(['port']))).toEqual(['with --port 7878, not 7900']);
  });
});

describe('the controls against a sandbox without --admin', () => {
  it('say it was started without --admin and name the restart that gives it', async () => {
    const plain = await withSandbox();
    try {
      const dataDir = plain.sandbox.dataDir;
      for (const [args, what] of [
        [['sandbox', 'price', 'set', '--metro', 'sv', '--plan', 'c3.small', '2'], 'price'],
        [['sandbox', 'price', 'reset', '--metro', 'sv', '--plan', 'c3.small'], 'price'],
        [['sandbox', 'clock', 'advance', '1m'], 'clock'],
      ] as const) {
        const r = await plain.run(args);
        expect([r.code, r.stdout]).toEqual([4, '']);
        expect(r.stderr.trimEnd().split('\n')).toEqual([
          `Error: the sandbox at ${plain.sandbox.url} (pid ${process.pid}) was started without --admin, so it has no ${what} controls`,
          `Hint: restart it with --admin (its spots, bids and executions are kept): fas sandbox stop --data ${dataDir} && fas sandbox start --detach --admin --data ${dataDir}`,
        ]);
      }
    } finally {
      await plain.close();
    }
  });
});
