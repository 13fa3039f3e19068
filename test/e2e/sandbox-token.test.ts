// A sandbox's token travels in a header: one with a line break or a
// character past ASCII is refused before any process starts or port is
// taken, so no sandbox is left running that `fas sandbox status` and `stop`
// cannot reach.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answers } from '../../src/sandbox/daemon.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { runFas, STACK_TRACE, tempDir } from '../helpers/cli.js';
import { runInProcess } from '../helpers/run-cli.js';

const REFUSED = /^Error: (--token|FAS_TOKEN) holds (a space or a line break|a character outside ASCII|a control character); it must be printable ASCII \(letters, digits, punctuation\), as an HTTP header carries it$/;

describe('fas sandbox start with a token no header can carry', () => {
  it.each([
    ['a line break', 'tok\nen'],
    ['a character outside ASCII (even one Latin-1 has)', 'tökén'],
    ['a character outside Latin-1', 'token-令牌'],
  ])('--detach --token with %s: exit 2, one line, no background process, nothing in the data directory', async (_, token) => {
    const dir = tempDir('fas-token-');
    const env = { FAS_CONFIG_DIR: tempDir('fas-token-config-') };
    const r = await runFas(['sandbox', 'start', '--detach', '--port', '0', '--data', dir, '--token', token], { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(REFUSED);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toContain(token);
    expect(r.stdout).toBe('');
    // Nothing was started: no lock, no record, no log; status agrees.
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    const status = await runFas(['sandbox', 'status', '--data', dir, '--json'], { env });
    expect([status.code, JSON.parse(status.stdout).running]).toEqual([1, false]);
  });

  it('in the foreground with FAS_TOKEN holding one: exit 2 before it serves', async () => {
    const dir = tempDir('fas-token-');
    const r = await runInProcess(['sandbox', 'start', '--port', '0', '--data', dir], { env: { FAS_CONFIG_DIR: tempDir('fas-token-config-'), FAS_TOKEN: 'a b' } });
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, "Error: FAS_TOKEN holds a space or a line break; it must be printable ASCII (letters, digits, punctuation), as an HTTP header carries it"]);
  });

  it("refuses a data directory's own token file edited to hold one, and lets the directory go", async () => {
    const dir = tempDir('fas-token-');
    writeFileSync(join(dir, 'token'), 'my token\n');
    await expect(startSandbox({ dataDir: dir, port: 0 })).rejects.toThrow(`the token in ${join(dir, 'token')} holds a space or a line break`);
    // The lock was let go: a sandbox with a good token starts there at once.
    writeFileSync(join(dir, 'token'), 'good-token\n');
    const sb = await startSandbox({ dataDir: dir, port: 0 });
    await sb.close();
  });

  it('a sandbox record whose token no request can carry is not seen to answer, rather than an error', async () => {
    const state = { pid: process.pid, url: 'http://127.0.0.1:9', host: '127.0.0.1', port: 9, started_at: new Date().toISOString(), token: 'a\nb' };
    await expect(answers(state)).resolves.toBe(false);
  });
});
