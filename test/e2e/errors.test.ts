import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Execution } from '../../src/api/types.js';
import { baseEnv, FAS_BIN, STACK_TRACE } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await withSandbox();
});
afterAll(() => t.close());

function oneLineError(stderr: string) {
  expect(stderr).not.toMatch(STACK_TRACE);
  expect(stderr).toMatch(/^Error: .+/m);
  expect(stderr.split('\n').filter((l) => l.startsWith('Error:'))).toHaveLength(1);
}

describe('exit codes', () => {
  it('exits 5 when the execution fails', async () => {
    const failing = await withSandbox({ failRate: 1 });
    try {
      const r = await failing.fas(['spots', 'add', '--wait']);
      expect(r.code).toBe(5);
      expect(r.stdout).toBe('');
      oneLineError(r.stderr);
      expect(r.stderr).toMatch(/failed/);
    } finally {
      await failing.close();
    }
  });

  it('exits 6 when the wait times out, and says how to resume', async () => {
    const slow = await withSandbox({ provisionSeconds: 60 });
    try {
      const r = await slow.fas(['spots', 'add', '--wait', '--timeout', '1s']);
      expect(r.code).toBe(6);
      expect(r.stdout).toBe('');
      oneLineError(r.stderr);
      expect(r.stderr).toMatch(/fas executions wait [0-9a-f-]{36}/);
    } finally {
      await slow.close();
    }
  });

  it('exits 3 with a bad token, without printing the token', async () => {
    const r = await t.fas(['spots', 'list'], { env: { FAS_TOKEN: 'wrong-token-s3cr3t' } });
    expect(r.code).toBe(3);
    oneLineError(r.stderr);
    expect(r.stderr + r.stdout).not.toContain('wrong-token-s3cr3t');
  });

  it('exits 3 when there is no token at all', async () => {
    const r = await t.fas(['spots', 'list'], { env: { FAS_TOKEN: undefined } });
    expect(r.code).toBe(3);
    oneLineError(r.stderr);
    expect(r.stderr).toMatch(/fas login/);
  });

  it('exits 4 for an unknown spot or execution', async () => {
    for (const args of [
      ['spots', 'get', '00000000-0000-4000-8000-000000000000'],
      ['spots', 'get', '10.255.255.254'],
      ['executions', 'get', '00000000-0000-4000-8000-000000000000'],
      ['spots', 'remove', '00000000-0000-4000-8000-000000000000'],
    ]) {
      const r = await t.fas(args);
      expect(r.code, args.join(' ')).toBe(4);
      oneLineError(r.stderr);
    }
  });

  it('exits 2 for bad commands, flags and values, with a suggestion', async () => {
    const cases: [string[], RegExp][] = [
      [['spots', 'lst'], /unknown command 'lst'.*did you mean.*list/],
      [['spots', 'list', '--stat', 'active'], /unknown option '--stat'.*did you mean --state/],
      [['spots', 'list', '--state', 'sleeping'], /sleeping/],
      [['spots', 'add', '--wait', '--timeout', 'soon'], /invalid --timeout 'soon'/],
      [['spots', 'add', '--max-price', '-1'], /greater than zero/],
      [['spots', 'list', '--limit', 'ten'], /invalid --limit 'ten'/],
      [['spots', 'get'], /missing required argument/],
      [['--output', 'xml', 'spots', 'list'], /'xml' is invalid\. Allowed choices are table, wide, json, jsonl, yaml, csv\./],
      [['spots', 'add', '--metro', 'zz', '--wait'], /metro/],
    ];
    for (const [args, message] of cases) {
      const r = await t.fas(args);
      expect(r.code, args.join(' ')).toBe(2);
      oneLineError(r.stderr);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
  });

  it('exits 1 with a hint when nothing listens at the API URL', async () => {
    const r = await t.fas(['spots', 'list', '--retries', '0'], { env: { FAS_API_URL: 'http://127.0.0.1:9' } });
    expect(r.code).toBe(1);
    oneLineError(r.stderr);
    expect(r.stderr).toMatch(/fas sandbox start/);
  });

  it('prints help and the exit codes with --help, and the version with --version', async () => {
    const help = await t.fas(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*6\s+wait timed out/);
    const version = await t.fas(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('answers --help, -h, --version and -v from the build exactly as the program would', async () => {
    // A lone flag takes bin/fas.js's short cut; with a second flag the program renders it.
    for (const flag of ['--help', '-h', '--version', '-v']) {
      const quick = await t.fas([flag]);
      const program = await t.fas(['--no-color', flag]);
      expect(quick.code, flag).toBe(0);
      expect(program.code, flag).toBe(0);
      expect(quick.stdout, flag).toBe(program.stdout);
      expect(quick.stderr, flag).toBe('');
    }
    const version = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect((await t.fas(['-v'])).stdout).toBe(`${version.version}\n`);
  });

  it('never writes progress to stdout while waiting', async () => {
    const r = await t.fas(['spots', 'add', '--wait', '--json']);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toMatch(/Waiting for spot.add/);
  });

  it('follows an execution that ends while nobody waits', async () => {
    const e = await t.json<Execution>(['spots', 'add']);
    const waited = await t.json<Execution>(['executions', 'wait', e.id, '--timeout', '30s']);
    expect(waited.status).toBe('completed');
  });
});

describe('Ctrl-C while waiting', () => {
  it('stops waiting, says how to resume, exits 130, and the execution goes on', async () => {
    const { spawn } = await import('node:child_process');
    const { FAS_BIN, baseEnv } = await import('../helpers/cli.js');
    const slow = await withSandbox({ provisionSeconds: 60 });
    try {
      const child = spawn(process.execPath, [FAS_BIN, 'spots', 'add', '--wait'], { env: baseEnv(slow.env) });
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      const waiting = new Promise<void>((resolve) =>
        child.stderr.on('data', (d) => {
          stderr += d;
          if (stderr.includes('Waiting for')) resolve();
        }),
      );
      await waiting;
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stdout).toBe('');
      expect(stderr).not.toMatch(STACK_TRACE);
      const id = /fas executions wait ([0-9a-f-]{36})/.exec(stderr)?.[1];
      expect(id).toBeDefined();
      const execution = await slow.json<Execution>(['executions', 'get', id!]);
      expect(['pending', 'started']).toContain(execution.status);
    } finally {
      await slow.close();
    }
  });
});

describe('a reader that stops early', () => {
  it('fas ... | head ends quietly with 0, not a stack trace', async () => {
    // 90 days of 5-minute points: far more than a pipe holds, so fas is still writing when head exits.
    const fas = `"${process.execPath}" "${FAS_BIN}"`;
    const script = [
      `${fas} market history --metro sv --plan c3.small --since 90d --json | head -c 10 >/dev/null`,
      'echo "json ${PIPESTATUS[0]}" >&2',
      `${fas} market history --metro sv --plan c3.small --since 90d | head -n 1 >/dev/null`,
      'echo "table ${PIPESTATUS[0]}" >&2',
    ].join('\n');
    const stderr = await new Promise<string>((resolve, reject) => {
      execFile('bash', ['-c', script], { env: baseEnv(t.env), timeout: 20_000 }, (err, _out, errText) => (err ? reject(err) : resolve(errText)));
    });
    expect(stderr).toBe('json 0\ntable 0\n');
  });
});
