import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Execution, Spot } from '../../src/api/types.js';
import { baseEnv, FAS_BIN, runFas, tempDir, type RunResult } from '../helpers/cli.js';
import { takeDataLock } from '../../src/sandbox/data-lock.js';
import { withSandbox } from '../helpers/sandbox.js';
import { steadySeed } from '../helpers/market.js';

const dataDir = tempDir('fas-sb-data-');
const configDir = tempDir('fas-sb-config-');
const seed = steadySeed();
// Only the config directory: fas must find the sandbox through the profile that start saved.
const fas = (args: string[]) => runFas(args, { env: { FAS_CONFIG_DIR: configDir } });

afterAll(async () => {
  await fas(['sandbox', 'stop', '--data', dataDir]);
});

async function start(): Promise<{ url: string; pid: number }> {
  const r = await fas(['sandbox', 'start', '--detach', '--port', '0', '--data', dataDir, '--provision-seconds', '0.5', '--seed', String(seed), '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { url: string; pid: number };
}

describe('fas sandbox', () => {
  it('starts in the background, saves the profile, and keeps everything across kill -9', async () => {
    const first = await start();
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const config = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8'));
    expect(config.current_profile).toBe('sandbox');
    expect(config.profiles.sandbox.api_url).toBe(first.url);

    const running = await fas(['sandbox', 'status', '--data', dataDir, '--json']);
    expect(running.code).toBe(0);
    expect(JSON.parse(running.stdout)).toMatchObject({ running: true, url: first.url, pid: first.pid });

    const spot = JSON.parse((await fas(['spots', 'add', '--wait', '--json'])).stdout) as Spot;
    // An add still under way when the sandbox dies must finish after the restart.
    const pending = JSON.parse((await fas(['spots', 'add', '--json'])).stdout) as Execution;
    expect(pending.status).not.toBe('completed');
    process.kill(first.pid, 'SIGKILL');
    await expect.poll(async () => JSON.parse((await fas(['sandbox', 'status', '--data', dataDir, '--json'])).stdout).running).toBe(false);

    const second = await start();
    expect(second.pid).not.toBe(first.pid);
    const spots = JSON.parse((await fas(['spots', 'list', '--json'])).stdout) as Spot[];
    expect(spots.map((s) => s.id)).toContain(spot.id);
    const finished = JSON.parse((await fas(['executions', 'wait', pending.id, '--json'])).stdout) as Execution;
    expect(finished.status).toBe('completed');
    expect((JSON.parse((await fas(['spots', 'list', '--json'])).stdout) as Spot[]).map((s) => s.id)).toContain(pending.resource_id);
  });

  it('refuses a second sandbox on the same data directory', async () => {
    const r = await fas(['sandbox', 'start', '--port', '0', '--data', dataDir]);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/already serves/);
  });

  it("says so when a sandbox on another data directory takes the profile 'sandbox' over", async () => {
    const before = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')).profiles.sandbox.api_url as string;
    const other = tempDir('fas-sb-other-');
    try {
      const r = await fas(['sandbox', 'start', '--detach', '--port', '0', '--data', other, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const { url } = JSON.parse(r.stdout) as { url: string };
      expect(r.stderr.split('\n')[0]).toBe(`profile 'sandbox' now points at ${url} (it pointed at ${before})`);
      // Started again where it runs, it points where it did: nothing to say.
      const again = await fas(['sandbox', 'start', '--detach', '--port', '0', '--data', other]);
      expect(again.stderr).not.toMatch(/now points at/);
      const back = await fas(['sandbox', 'start', '--detach', '--port', '0', '--data', dataDir]);
      expect(back.stderr.split('\n')[0]).toBe(`profile 'sandbox' now points at ${before} (it pointed at ${url})`);
    } finally {
      await fas(['sandbox', 'stop', '--data', other]);
    }
  });

  it('says in one line why it cannot start, in the foreground and with --detach alike', async () => {
    // The port of the sandbox the tests above started, still running.
    const running = JSON.parse((await fas(['sandbox', 'status', '--data', dataDir, '--json'])).stdout) as { url: string };
    const { port } = new URL(running.url);
    const file = join(tempDir('fas-sb-bad-'), 'a-file');
    writeFileSync(file, 'not a directory');
    const corrupt = tempDir('fas-sb-bad-');
    writeFileSync(join(corrupt, 'sandbox.db'), 'not a database, not even close');
    const badLock = tempDir('fas-sb-bad-');
    writeFileSync(join(badLock, 'sandbox.lock'), 'not a lock, not a database either, just some text');
    const cases: [string[], number, RegExp, RegExp][] = [
      [['--port', port, '--data', tempDir('fas-sb-bad-')], 2, /^Error: port \d+ on 127\.0\.0\.1 is in use$/, /--port 0/],
      [['--host', '192.0.2.1', '--port', '0', '--data', tempDir('fas-sb-bad-')], 2, /^Error: cannot listen on 192\.0\.2\.1: not an address of this machine$/, /--host/],
      [['--data', join(file, 'below')], 1, /^Error: cannot use the data directory .*below: part of that path is a file, not a directory$/, /--data/],
      [['--port', '0', '--data', corrupt], 1, /^Error: cannot open the sandbox database .*sandbox\.db: file is not a database$/, /move it aside/],
      [['--port', '0', '--data', badLock], 1, /^Error: cannot lock the data directory .* with .*sandbox\.lock: file is not a database$/, /remove it/],
    ];
    for (const [args, code, message, hint] of cases) {
      for (const detach of [[], ['--detach']]) {
        const r = await fas(['sandbox', 'start', ...args, ...detach]);
        const lines = r.stderr.trimEnd().split('\n');
        expect(r.code, `${args.join(' ')} ${detach.join('')}: ${r.stderr}`).toBe(code);
        expect(lines[0]).toMatch(message);
        expect(lines[1]).toMatch(/^Hint: /);
        expect(lines[1]).toMatch(hint);
        expect(lines).toHaveLength(2);
        expect(r.stdout).toBe('');
      }
    }
  });

  it('stops, and says so when nothing runs', async () => {
    const stopped = await fas(['sandbox', 'stop', '--data', dataDir, '--json']);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ stopped: true });
    const again = await fas(['sandbox', 'stop', '--data', dataDir, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ stopped: false });
    const status = await fas(['sandbox', 'status', '--data', dataDir, '--json']);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout).running).toBe(false);
    expect(status.stderr).toBe(`Error: no sandbox serves ${dataDir}\nHint: start one with: fas sandbox start --detach --data ${dataDir}\n`);
    const table = await fas(['sandbox', 'status', '--data', dataDir]);
    expect([table.code, table.stdout]).toEqual([1, `not running\ndata in ${dataDir}\n`]);
  });
});

/** `fas sandbox start` in the foreground: it ends (refused), or serves and prints where (then runs on). */
function foreground(args: string[], env: Record<string, string>): { child: ChildProcess; outcome: Promise<{ serving: { url: string; pid: number } } | { exit: RunResult }> } {
  const child = spawn(process.execPath, [FAS_BIN, 'sandbox', 'start', ...args, '--json'], { env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const outcome = new Promise<{ serving: { url: string; pid: number } } | { exit: RunResult }>((resolve, reject) => {
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.includes('\n')) resolve({ serving: JSON.parse(stdout) as { url: string; pid: number } });
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ exit: { code, signal, stdout, stderr } }));
  });
  return { child, outcome };
}

/** Linux: the processes running `fas sandbox start` on `dataDir`, from their command lines. */
function sandboxProcesses(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (/^\d+ \(.*\) Z/.test(stat)) continue; // killed, not yet reaped
      const at = args.indexOf('sandbox');
      if (at >= 0 && args[at + 1] === 'start' && args[args.indexOf('--data') + 1] === dataDir) pids.push(Number(entry));
    } catch {
      // ended while we looked
    }
  }
  return pids;
}

describe.skipIf(process.platform !== 'linux')('many starts on one data directory at once', () => {
  it('serve exactly once: the detached ones all exit 0 with the one URL, the foreground ones exit 7 naming it; kill -9 frees it at once', async () => {
    const dir = tempDir('fas-sb-race-');
    const config = tempDir('fas-sb-race-config-');
    const env = { FAS_CONFIG_DIR: config };
    const args = ['--port', '0', '--data', dir, '--seed', String(seed)];
    const fg = Array.from({ length: 2 }, () => foreground(args, env));
    const detached = await Promise.all(Array.from({ length: 5 }, () => runFas(['sandbox', 'start', '--detach', ...args, '--json'], { env })));
    const outcomes = await Promise.all(fg.map((f) => f.outcome));
    try {
      for (const r of detached) expect(r.code, r.stderr).toBe(0);
      const served = detached.map((r) => JSON.parse(r.stdout) as { url: string; pid: number; data_dir: string; profile: string });
      expect(new Set(served.map((s) => `${s.url} ${s.pid}`)).size).toBe(1);
      const { url, pid } = served[0]!;
      expect(served[0]).toEqual({ url, pid, data_dir: dir, profile: 'sandbox' });
      for (const o of outcomes) {
        if ('serving' in o) expect(o.serving).toMatchObject({ url, pid });
        else {
          expect(o.exit.code, o.exit.stderr).toBe(7);
          expect(o.exit.stderr.split('\n')[0]).toBe(`Error: a sandbox already serves ${dir} at ${url} (pid ${pid})`);
        }
      }
      expect(sandboxProcesses(dir)).toEqual([pid]);

      // Run again (as a CI script may): success, the same sandbox, and the profile saved anew.
      rmSync(join(config, 'config.json'));
      const again = await runFas(['sandbox', 'start', '--detach', ...args, '--json'], { env });
      expect(again.code, again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toEqual(served[0]);
      expect(again.stderr).toMatch(/^a sandbox already serves .* at http:\/\/127\.0\.0\.1:\d+ \(pid \d+\); profile 'sandbox' is ready$/m);
      expect(JSON.parse(readFileSync(join(config, 'config.json'), 'utf8')).profiles.sandbox.api_url).toBe(url);
      expect(sandboxProcesses(dir)).toEqual([pid]);

      // Asked for with its own token, it is that sandbox; with another, it is not.
      const own = readFileSync(join(dir, 'token'), 'utf8').trim();
      const same = await runFas(['sandbox', 'start', '--detach', ...args, '--json'], { env: { ...env, FAS_TOKEN: own } });
      expect(same.code, same.stderr).toBe(0);
      const other = await runFas(['sandbox', 'start', '--detach', ...args], { env: { ...env, FAS_TOKEN: 'not-its-token' } });
      expect(other.code).toBe(7);
      expect(other.stderr.trimEnd().split('\n')).toEqual([
        `Error: a sandbox already serves ${dir} at ${url} (pid ${pid}), with another token`,
        `Hint: stop it first: fas sandbox stop --data ${dir}`,
      ]);
      expect(other.stderr).not.toContain('not-its-token');

      process.kill(pid, 'SIGKILL');
      const after = await runFas(['sandbox', 'start', '--detach', ...args, '--json'], { env });
      expect(after.code, after.stderr).toBe(0);
      const next = JSON.parse(after.stdout) as { pid: number };
      expect(next.pid).not.toBe(pid);
      expect(sandboxProcesses(dir)).toEqual([next.pid]);
    } finally {
      await runFas(['sandbox', 'stop', '--data', dir], { env });
      for (const f of fg) f.child.kill('SIGKILL');
    }
  }, 60_000);
});

describe('the data directory', () => {
  it('is 0700 and every file in it 0600, even when it was there before, looser', async () => {
    const dir = join(tempDir('fas-sb-modes-'), 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'token'), 'a-token-made-by-hand\n', { mode: 0o644 });
    chmodSync(join(dir, 'token'), 0o644);
    const env = { FAS_CONFIG_DIR: tempDir('fas-sb-modes-config-') };
    const r = await runFas(['sandbox', 'start', '--detach', '--port', '0', '--data', dir, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    try {
      const mode = (name: string) => (statSync(join(dir, name)).mode & 0o777).toString(8);
      expect(mode('.')).toBe('700');
      const files = readdirSync(dir).sort();
      expect(files).toEqual(['sandbox.db', 'sandbox.db-shm', 'sandbox.db-wal', 'sandbox.json', 'sandbox.lock', 'sandbox.log', 'token']);
      for (const name of files) expect(`${name} ${mode(name)}`).toBe(`${name} 600`);
    } finally {
      await runFas(['sandbox', 'stop', '--data', dir], { env });
    }
  });
});

describe('a data directory locked by a process that is not a sandbox', () => {
  it('stop signals nothing and says so (exit 7); status says not running', async () => {
    const dir = tempDir('fas-sb-held-');
    const lock = takeDataLock(dir)!;
    try {
      const stop = await fas(['sandbox', 'stop', '--data', dir]);
      expect(stop.code).toBe(7);
      expect(stop.stderr.trimEnd().split('\n')).toEqual([
        `Error: a process holds ${join(dir, 'sandbox.lock')} but is not seen to be the sandbox serving ${dir}; it was not signalled`,
        'Hint: a sandbox still starting? try again in a moment',
      ]);
      expect(JSON.parse((await fas(['sandbox', 'status', '--data', dir, '--json'])).stdout)).toMatchObject({ running: false });
    } finally {
      lock.release();
    }
  });
});

describe('a stale sandbox.json', () => {
  it('names a live process that is not a sandbox: stop leaves it alone, status says not running', async () => {
    const other = spawn('sleep', ['30']);
    try {
      const dir = tempDir('fas-sb-stale-');
      const url = 'http://127.0.0.1:9';
      writeFileSync(join(dir, 'sandbox.json'), JSON.stringify({ pid: other.pid, url, host: '127.0.0.1', port: 9, started_at: new Date().toISOString() }));
      const status = await fas(['sandbox', 'status', '--data', dir, '--json']);
      expect(JSON.parse(status.stdout)).toMatchObject({ running: false });
      const stop = await fas(['sandbox', 'stop', '--data', dir]);
      expect(stop.code).toBe(0);
      expect(stop.stderr).toMatch(/no sandbox serves/);
      expect(other.exitCode).toBeNull();
      expect(other.signalCode).toBeNull();
      expect(existsSync(join(dir, 'sandbox.json'))).toBe(false);
    } finally {
      other.kill();
    }
  });
});

describe('fas login', () => {
  it('checks the token, stores it without echoing it, and uses it', async () => {
    const t = await withSandbox();
    try {
      const dir = tempDir('fas-login-');
      const env = { FAS_CONFIG_DIR: dir };
      const bad = await runFas(['login', '--api-url', t.sandbox.url], { env, input: 'not-the-token\n' });
      expect(bad.code).toBe(3);
      expect(bad.stderr + bad.stdout).not.toContain('not-the-token');

      const good = await runFas(['login', '--api-url', t.sandbox.url, '--profile', 'local'], { env, input: `${t.sandbox.token}\n` });
      expect(good.code, good.stderr).toBe(0);
      expect(good.stdout + good.stderr).not.toContain(t.sandbox.token);
      const list = await runFas(['spots', 'list', '--json'], { env });
      expect(list.code, list.stderr).toBe(0);
      expect(JSON.parse(list.stdout)).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it.skipIf(!existsSync('/usr/bin/script'))('asks for the token on a terminal without echoing it; Ctrl-C there exits 130', async () => {
    const t = await withSandbox();
    /** `fas login` on a pseudo-terminal; `typed` is sent once the prompt is up, as a person would type it. */
    const login = (dir: string, typed: string) =>
      new Promise<{ code: number | null; screen: string }>((resolve, reject) => {
        const command = `env FAS_CONFIG_DIR=${dir} ${process.execPath} ${FAS_BIN} login --api-url ${t.sandbox.url}`;
        const child = spawn('script', ['-qec', command, '/dev/null'], { env: baseEnv() });
        let screen = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          screen += d;
          if (screen.includes('API token:') && child.stdin.writable) child.stdin.end(typed);
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, screen }));
      });
    try {
      const dir = tempDir('fas-login-tty-');
      const typed = await login(dir, `${t.sandbox.token}\r`);
      expect(typed.code, typed.screen).toBe(0);
      expect(typed.screen).toMatch(/logged in to /);
      expect(typed.screen).not.toContain(t.sandbox.token);
      expect(readFileSync(join(dir, 'config.json'), 'utf8')).toContain(t.sandbox.token);

      const other = tempDir('fas-login-tty-');
      const stopped = await login(other, '\x03');
      expect(stopped.code, stopped.screen).toBe(130);
      expect(stripVTControlCharacters(stopped.screen)).toMatch(/^Error: interrupted; nothing done\r?$/m);
      expect(existsSync(join(other, 'config.json'))).toBe(false);
    } finally {
      await t.close();
    }
  });

  it('never shows the token in --debug traces', async () => {
    const t = await withSandbox();
    try {
      const r = await t.fas(['spots', 'list', '--debug']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/\[debug\] > GET/);
      expect(r.stderr).not.toContain(t.sandbox.token);
    } finally {
      await t.close();
    }
  });
});
