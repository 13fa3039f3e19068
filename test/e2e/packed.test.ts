// The packed fas as a user installs it: npm has no install script of it to
// run or warn about, and where install scripts do not run (npm
// --ignore-scripts, pnpm, bun) the sandbox starts and sells a spot all the same.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { baseEnv, tempDir } from '../helpers/cli.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;
const dir = tempDir('fas-packed-');
const env = baseEnv({ FAS_CONFIG_DIR: join(dir, 'config'), npm_config_cache: join(dir, 'npm-cache'), npm_config_update_notifier: 'false' });
let stop: (() => Promise<unknown>) | undefined;
afterAll(async () => {
  await stop?.();
});

describe('npm install -g of the packed tarball, --ignore-scripts', () => {
  it('installs with no script to run, and its sandbox sells a spot', async () => {
    // --ignore-scripts on pack too: its prepare would build dist/ again under the other tests' feet.
    await run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: root, env });
    const tarball = join(dir, readdirSync(dir).find((f) => f.endsWith('.tgz'))!);
    // npm names any package of an install whose scripts it would run or has skipped: fas has none to name.
    const plain = await run('npm', ['install', '-g', '--offline', '--no-audit', '--no-fund', '--prefix', join(dir, 'plain'), tarball], { env });
    expect(plain.stderr).not.toMatch(/script/i);
    const prefix = join(dir, 'prefix');
    const installed = await run('npm', ['install', '-g', '--ignore-scripts', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, tarball], { env });
    expect(installed.stderr).not.toMatch(/script/i);
    const fas = (...args: string[]) => run(join(prefix, 'bin', 'fas'), args, { env });
    const data = join(dir, 'data');
    await fas('sandbox', 'start', '--detach', '--port', '0', '--data', data, '--provision-seconds', '0.1');
    stop = () => fas('sandbox', 'stop', '--data', data);
    const spot = JSON.parse((await fas('spots', 'add', '--wait', '--max-price', '1000', '--json')).stdout) as { state: string };
    expect(spot.state).toBe('active');
  }, 60_000);
});
