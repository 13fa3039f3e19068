// The Node fas runs on: the oldest it supports is stated once in package.json,
// and an older one gets one line saying what is needed and what was found.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { baseEnv, FAS_BIN } from '../helpers/cli.js';

const engines = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { engines: { node: string } }).engines.node;

/** bin/fas.js on this Node, made to report `version` as its own. */
function fasOn(version: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const pretend = `data:text/javascript,Object.defineProperty(process.versions,'node',{value:'${version}'})`;
  return new Promise((resolve) =>
    execFile(process.execPath, ['--import', pretend, FAS_BIN, ...args], { env: baseEnv({ FAS_TOKEN: 'x' }) }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
    ),
  );
}

describe('an older Node', () => {
  it('is the oldest package.json allows', () => {
    expect(engines).toBe('>=22.13');
  });

  for (const [version, args] of [['20.18.1', ['--version']], ['22.12.0', ['spots', 'list']], ['18.0.0', ['sandbox', 'start']]] as const) {
    it(`${version}: fas ${args.join(' ')} says what it needs, exit 1, nothing on stdout`, async () => {
      const r = await fasOn(version, [...args]);
      expect(r).toEqual({ code: 1, stdout: '', stderr: `Error: fas needs Node.js 22.13 or newer; this is Node.js ${version}\n` });
    });
  }

  it('22.13.0 is enough', async () => {
    const r = await fasOn('22.13.0', ['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

describe("node:sqlite's ExperimentalWarning (Node 22)", () => {
  it('is kept from a user of the sandbox; a warning of another kind still shows', async () => {
    const { spawn } = await import('node:child_process');
    const { tempDir } = await import('../helpers/cli.js');
    const other = 'data:text/javascript,process.emitWarning("a warning of another kind")';
    const child = spawn(process.execPath, ['--import', other, FAS_BIN, 'sandbox', 'start', '--port', '0', '--data', tempDir('fas-warning-')], {
      env: baseEnv({ FAS_CONFIG_DIR: tempDir('fas-warning-config-') }),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const ended = new Promise((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve) =>
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
        if (stderr.includes('sandbox serving')) resolve();
      }),
    );
    child.kill('SIGINT');
    await ended;
    expect(stderr).toContain('a warning of another kind');
    expect(stderr).not.toMatch(/ExperimentalWarning|SQLite/);
  });
});
