// `fas spots watch` on a terminal, in this process against the sandbox
// (through a proxy that tells when the watch holds its first long poll):
// each spot's metro, the price of a spot that joins from its first frame on,
// and the lines of the hooks, each tagged with its spot, in all the rows the
// spots leave free.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Spot } from '../../src/api/types.js';
import { tempDir } from '../helpers/cli.js';
import { fakeServer, type FakeServer } from '../helpers/fake-server.js';
import { runInProcess, TestHost } from '../helpers/run-cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
let proxy: FakeServer;
let following = false;
beforeAll(async () => {
  t = await withSandbox({ admin: true });
  proxy = await fakeServer((req, res) => {
    if (/^\/api\/events\?.*wait=/.test(req.url!)) following = true;
    const upstream = request(`${t.sandbox.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
});
afterAll(async () => {
  await proxy.close();
  await t.close();
});

/** The last frame drawn: what follows the last move back up (or clear), its lines. */
function lastFrame(stdout: string): string[] {
  const frames = stdout.split(/\x1b\[\d+A\r|\x1b\[H\x1b\[2J|\x1b\[\?25l/);
  return frames.at(-1)!.replace(/^\r?\x1b\[J/, '').replace(/\x1b\[\?25h$/, '').split('\n').slice(0, -1);
}

describe('fas spots watch on a terminal', () => {
  it('shows the metro, the price of a spot that joins at once, and the hook lines tagged with their spot in the free rows', async () => {
    const first = await t.runJson<Spot>(['spots', 'add', '--wait', '--metro', 'ny', '--plan', 'c3.small', '--max-price', '0.9']);
    const host = new TestHost();
    following = false;
    const dir = tempDir('fas-live-');
    const hook = `for i in 1 2 3 4 5 6 7 8; do echo "draining $FAS_SPOT_IP step $i"; done; touch "${dir}/done"`;
    const watching = runInProcess(
      ['spots', 'watch', '--on-termination', hook],
      { env: { ...t.env, FAS_API_URL: proxy.url, NO_COLOR: '1' }, tty: true, columns: 100 },
      host,
    );
    await expect.poll(() => following, { timeout: 10_000 }).toBe(true);
    const joined = await t.runJson<Spot>(['spots', 'add', '--wait', '--metro', 'sv', '--plan', 'c3.small', '--max-price', '0.9']);
    expect((await t.run(['sandbox', 'price', 'set', '--metro', 'ny', '--plan', 'c3.small', '2'])).code).toBe(0);
    // The hook's eight lines, then Ctrl-C: the watch draws what the hook wrote before it ends.
    await expect.poll(() => existsSync(join(dir, 'done')), { timeout: 10_000 }).toBe(true);
    host.send('SIGINT');
    const r = await watching;
    expect(r.code).toBe(130);
    const frame = lastFrame(r.stdout);
    expect(frame[1]).toMatch(/^ID +STATE +METRO +PRICE +TERMINATES +HOSTNAME$/);
    const rowOf = (s: Spot) => frame.find((l) => l.startsWith(s.id.slice(0, 8)));
    expect(rowOf(first)).toMatch(new RegExp(`^${first.id.slice(0, 8)} +terminating +ny +\\$2\\.0000 +in `));
    // Never "-": its price is the market's, read when the watch started.
    expect(rowOf(joined)).toMatch(new RegExp(`^${joined.id.slice(0, 8)} +active +sv +\\$\\d+\\.\\d{4} +- +${joined.hostname}$`));
    // More than the five lines once kept: every line of the hook, each with its spot.
    for (let i = 1; i <= 8; i++) expect(frame).toContain(`${first.id.slice(0, 8)} | draining ${first.ip} step ${i}`);
  }, 30_000);
});
