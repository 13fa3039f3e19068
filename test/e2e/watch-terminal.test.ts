// `fas spots watch` on a terminal (a pseudo-terminal of 80 columns and 10
// rows, through script(1)): the pool drawn in place, never taller or wider
// than the screen, redrawn by moving the cursor back up over the last
// frame, and the cursor shown again when it ends.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Spot } from '../../src/api/types.js';
import { baseEnv, FAS_BIN } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

const hasScript = existsSync('/usr/bin/script') && existsSync('/usr/bin/timeout');
const HIDE = '\x1b[?25l';
const SHOW = '\x1b[?25h';

describe.skipIf(!hasScript)('fas spots watch on a terminal', () => {
  let t: TestSandbox;
  let spots: Spot[];
  beforeAll(async () => {
    t = await withSandbox();
    spots = await Promise.all(Array.from({ length: 12 }, () => t.json<Spot>(['spots', 'add', '--wait'])));
  });
  afterAll(() => t.close());

  it('draws the pool in place within 80 columns and the screen height, and shows the cursor again on Ctrl-C', async () => {
    const env = `FAS_API_URL=${t.env.FAS_API_URL} FAS_TOKEN=${t.env.FAS_TOKEN} FAS_CONFIG_DIR=${t.env.FAS_CONFIG_DIR} TERM=xterm-256color`;
    const command = `stty rows 10 cols 80; env ${env} timeout --preserve-status -s INT 2.5 ${process.execPath} ${FAS_BIN} spots watch; echo "exit=$?"`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile('script', ['-qec', command, '/dev/null'], { timeout: 20_000, env: baseEnv() }, (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    expect(out.startsWith(HIDE), JSON.stringify(out.slice(0, 40))).toBe(true);
    expect(out).toContain('exit=130');
    const shown = out.lastIndexOf(SHOW);
    expect(shown).toBeGreaterThan(out.lastIndexOf('\x1b[9A'));
    // Each redraw goes back up over the frame before it: as many lines as that frame had.
    const frames = out.slice(HIDE.length, shown).split(/\x1b\[\d+A/);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    const moves = [...out.matchAll(/\x1b\[(\d+)A/g)].map((m) => Number(m[1]));
    for (const [i, lines] of moves.entries()) expect(lines, `redraw ${i + 1}`).toBe(frames[i]!.split('\r\n').length - 1);
    const last = frames.at(-1)!.replace(/^\r\x1b\[J/, '').replace(/\x1b\[\d+m/g, '').split('\r\n').slice(0, -1);
    expect(last.length).toBeLessThanOrEqual(9);
    for (const line of last) expect(line.length, line).toBeLessThanOrEqual(79);
    expect(last[0]).toMatch(/^12 spots: 12 active, 0 terminating, 0 provisioning +\d\d:\d\d:\d\d$/);
    expect(last[1]).toMatch(/^ID +STATE +METRO +PRICE +TERMINATES +HOSTNAME$/);
    expect(last.at(-1)).toBe(`… and ${12 - (last.length - 3)} more`);
    expect(spots.map((s) => s.id.slice(0, 8))).toEqual(expect.arrayContaining(last.slice(2, -1).map((l) => l.split(' ')[0])));
    // Stderr is the same terminal: the interruption's message comes after the cursor is back.
    expect(out.slice(shown)).toMatch(/Error:.* stopped watching/);
  });
});
