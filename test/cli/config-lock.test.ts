// A config.json.lock that no fas made (a directory, a symlink to nothing) is
// never released: a change of the config file says so at once instead of
// waiting 30 s for it.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { runInProcess } from '../helpers/run-cli.js';

async function setWithLock(make: (lock: string) => void) {
  const dir = tempDir('fas-config-');
  const lock = join(dir, 'config.json.lock');
  make(lock);
  const started = Date.now();
  const r = await runInProcess(['config', 'set', 'output', 'json'], { env: { FAS_CONFIG_DIR: dir } });
  return { ...r, took: Date.now() - started, lock, file: join(dir, 'config.json') };
}

describe('a config lock that is not a file', () => {
  it('is a directory: refused at once', async () => {
    const r = await setWithLock((lock) => mkdirSync(lock));
    expect(r.took).toBeLessThan(2000);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Error: cannot lock the config file ${r.file}: ${r.lock} is a directory, not a lock fas made\nHint: remove ${r.lock} if nothing else uses it\n`);
  });

  it('is a dangling symlink: refused at once', async () => {
    const r = await setWithLock((lock) => symlinkSync(join(tempDir('fas-gone-'), 'nothing'), lock));
    expect(r.took).toBeLessThan(2000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Error: cannot lock the config file .*config\.json: .*config\.json\.lock is a symbolic link, not a lock fas made\nHint: remove /);
  });
});
