// `fas status` where nothing answers at the API URL: the sandbox of the
// default data directory, found running elsewhere, or the command that
// starts one there; and `fas login` refused, with a hint that fits.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';
import { refusedUrl } from '../helpers/fake-server.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';
import { runInProcess } from '../helpers/run-cli.js';

let sb: TestSandbox;
let xdg: string;
let nothing: string;
beforeAll(async () => {
  xdg = tempDir('fas-xdg-');
  // The sandbox of the default data directory, as XDG_DATA_HOME places it.
  sb = await withSandbox({ dataDir: join(xdg, 'fas', 'sandbox') });
  nothing = await refusedUrl();
});
afterAll(() => sb.close());

describe('fas status with nothing at the API URL', () => {
  it('finds the sandbox of the default data directory running elsewhere, and says how to use it', async () => {
    const r = await runInProcess(['status', '--api-url', nothing], { env: { XDG_DATA_HOME: xdg, FAS_TOKEN: sb.sandbox.token } });
    expect(r.code).toBe(1);
    const dir = join(xdg, 'fas', 'sandbox');
    expect(r.stdout).toContain(`Sandbox  not at the API URL; one runs at ${sb.sandbox.url} (pid ${process.pid}, data in ${dir})\n`);
    expect(r.stderr).toBe(
      `Error: cannot connect to ${nothing}: connection refused\nHint: the sandbox of ${dir} runs at ${sb.sandbox.url}: use it with --api-url ${sb.sandbox.url}, or fas config set api_url ${sb.sandbox.url}\n`,
    );
    const json = await runInProcess(['status', '--api-url', nothing, '--json'], { env: { XDG_DATA_HOME: xdg } });
    expect(JSON.parse(json.stdout)).toMatchObject({ sandbox: { running: true, pid: process.pid, data_dir: dir, url: sb.sandbox.url } });
  });

  it('names the command that starts a sandbox at the API URL when none runs', async () => {
    const r = await runInProcess(['status', '--api-url', nothing], { env: { XDG_DATA_HOME: tempDir('fas-xdg-') } });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Sandbox  not running$/m);
    const port = new URL(nothing).port;
    expect(r.stderr).toBe(`Error: cannot connect to ${nothing}: connection refused\nHint: no sandbox runs there; start one with: fas sandbox start --detach --port ${port}\n`);
  });

  it('says as much when the API URL is the sandbox itself', async () => {
    const r = await sb.run(['status', '--json'], { env: { XDG_DATA_HOME: xdg } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ sandbox: { running: true, url: sb.sandbox.url } });
  });
});

describe('fas login with a token the API refuses', () => {
  it('hints at the sandbox\'s own token, not at fas login again', async () => {
    const r = await sb.run(['login'], { stdin: 'not-the-token\n', env: { FAS_TOKEN: undefined } });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `Error: authentication failed: missing or invalid token\nHint: the sandbox at ${sb.sandbox.url} takes only its own token, in the file token of its data directory (fas sandbox start saves it as the profile 'sandbox')\n`,
    );
  });
});
