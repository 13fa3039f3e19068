// `fas sandbox start --detach` hands its options to the background process
// as data (one environment variable of JSON), not as a command line rebuilt
// from them, and learns why that process could not start from a file it
// writes, not from the log.
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { FAS_BIN, runFas, tempDir } from '../helpers/cli.js';

const TOKEN = 'a-token-given-on-purpose';

describe('fas sandbox start --detach', () => {
  it('hands the background process its options as data: its command line names only the data directory', async () => {
    const dir = tempDir('fas-detach-');
    const env = { FAS_CONFIG_DIR: tempDir('fas-detach-config-'), FAS_TOKEN: TOKEN };
    const r = await runFas(['sandbox', 'start', '--detach', '--port', '0', '--data', dir, '--admin', '--rate-limit', '7', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const { url, pid } = JSON.parse(r.stdout) as { url: string; pid: number };
    try {
      const health = await (await fetch(`${url}/_sandbox/health`, { headers: { authorization: `Token ${TOKEN}` } })).json();
      expect(health).toMatchObject({ pid, admin: true, rate_limit: 7, data_dir: dir });
      if (process.platform === 'linux') {
        const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
        expect(argv.slice(1)).toEqual([FAS_BIN, 'sandbox', 'start', '--data', dir]);
      }
    } finally {
      await runFas(['sandbox', 'stop', '--data', dir], { env });
    }
  });

  it('says why the background process could not start, as it wrote it, and leaves nothing behind', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const dir = tempDir('fas-detach-fail-');
    try {
      const r = await runFas(['sandbox', 'start', '--detach', '--port', String(port), '--data', dir], { env: { FAS_CONFIG_DIR: tempDir('fas-detach-config-') } });
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toEqual([
        `Error: port ${port} on 127.0.0.1 is in use`,
        'Hint: pick another with --port, or --port 0 for any free one',
      ]);
      expect(readdirSync(dir).filter((f) => f.startsWith('start-failure'))).toEqual([]);
    } finally {
      taken.close();
    }
  });
});
