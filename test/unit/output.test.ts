// Output through fake streams: what a view prints as a table on an
// 80-column terminal, as JSON and with --quiet, with no subprocess.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Bid, Spot } from '../../src/api/types.js';
import type { Host } from '../../src/cli/shared/host.js';
import { testIO } from '../../src/cli/shared/io.js';
import { settingView } from '../../src/cli/account/views.js';
import { bidView } from '../../src/cli/bids/views.js';
import { spotView } from '../../src/cli/spots/views.js';
import { runCli } from '../../src/cli/run.js';
import { output } from '../helpers/output.js';
import { aSpot } from '../helpers/spot.js';

const spot = (n: number, extra: Partial<Spot> = {}): Spot =>
  aSpot(n, { hostname: `spot-sv-${n}-a-rather-long-hostname`, bid_id: '479d36b4-5d05-44d7-8424-ed838c5743a9', ...extra });

describe('a list on an 80-column terminal', () => {
  it('shortens ids to 8 characters and cuts the hostname to fit 80 columns', async () => {
    const { out, stdout } = await output({}, { tty: true, columns: 80 });
    await out.list(spotView, [spot(1), spot(2)]);
    expect(stdout()).toBe(
      [
        'ID        HOSTNAME        IP        STATE   METRO  PLAN      PRICE    TERMINATES',
        '5f0e7c1a  spot-sv-1-a-r…  10.0.0.1  active  sv     c3.small  $0.2384  -',
        '5f0e7c1a  spot-sv-2-a-r…  10.0.0.2  active  sv     c3.small  $0.2384  -',
        '',
      ].join('\n'),
    );
  });

  it('shortens the id-valued columns too (a spot\'s bid), when --columns names them', async () => {
    const { out, stdout } = await output({ columns: ['bid', 'id'] }, { tty: true, columns: 80 });
    await out.list(spotView, [spot(1)]);
    expect(stdout()).toBe('BID       ID\n479d36b4  5f0e7c1a\n');
  });

  it('-o wide on a terminal: every column, ids whole, nothing cut', async () => {
    const { out, stdout } = await output({ format: 'wide' }, { tty: true, columns: 80 });
    await out.list(spotView, [spot(1)]);
    const [header, line] = stdout().split('\n');
    expect(header).toMatch(/^ID +HOSTNAME +IP +STATE +METRO +PLAN +PRICE +TYPE +BID +TERMINATES +MAX_BID +LOCKED +TAGS +CREATED +DESCRIPTION$/);
    expect(line).toMatch(/^5f0e7c1a-0000-4000-8000-000000000001  spot-sv-1-a-rather-long-hostname  10\.0\.0\.1 .* 479d36b4-5d05-44d7-8424-ed838c5743a9 /);
  });

  it('prints every column whole when piped', async () => {
    const { out, stdout } = await output();
    await out.list(spotView, [spot(1)]);
    expect(stdout().split('\n')[1]).toBe(
      '5f0e7c1a-0000-4000-8000-000000000001  spot-sv-1-a-rather-long-hostname  10.0.0.1  active  sv     c3.small  $0.2384  -',
    );
  });

  it('colours states on a terminal that wants colour, and shows times relative to now', async () => {
    const soon = new Date(Date.now() + 100_400).toISOString();
    const { out, stdout } = await output({ color: true }, { tty: true, columns: 200 });
    await out.list(spotView, [spot(1, { termination_time: soon })]);
    expect(stdout()).toContain('\x1b[32mactive\x1b[39m');
    expect(stdout()).toMatch(/\x1b\[31min 1m (39|40)s\x1b\[39m/);
  });

  it('says "nothing to show" on stderr for an empty list, and prints nothing', async () => {
    const { out, stdout, stderr } = await output();
    await out.list(spotView, []);
    expect([stdout(), stderr()]).toEqual(['', 'nothing to show\n']);
  });
});

describe('--json', () => {
  it('prints the API objects exactly, DEL and C1 controls escaped', async () => {
    const { out, stdout } = await output({ format: 'json' });
    const hostile = spot(1, { description: 'a\u009b31mb\u007f' });
    await out.list(spotView, [hostile]);
    expect(stdout()).toContain('"description": "a\\u009b31mb\\u007f"');
    expect(JSON.parse(stdout())).toEqual([hostile]);
  });

  it('prints the answer the rows came from, and never fetches what only people see', async () => {
    const { out, stdout } = await output({ format: 'json' });
    let fetched = false;
    const answer = { spot_market_prices: {} };
    await out.list(settingView, async () => ((fetched = true), []), { json: answer });
    expect(JSON.parse(stdout())).toEqual(answer);
    expect(fetched).toBe(false);

    const bid = { id: 'b-1', spots: ['s-1'] } as unknown as Bid;
    await out.item(bidView, bid, { related: { view: spotView, rows: async () => ((fetched = true), []) } });
    expect(fetched).toBe(false);
  });
});

describe('--quiet', () => {
  it('prints ids, one a line, and no messages', async () => {
    const { out, stdout, stderr } = await output({ quiet: true });
    await out.list(spotView, [spot(1), spot(2)]);
    await out.item(spotView, spot(3));
    out.info('a message');
    expect(stdout()).toBe('5f0e7c1a-0000-4000-8000-000000000001\n5f0e7c1a-0000-4000-8000-000000000002\n5f0e7c1a-0000-4000-8000-000000000003\n');
    expect(stderr()).toBe('');
  });

  it('prints what a person sees for a view without ids', async () => {
    const { out, stdout } = await output({ quiet: true });
    await out.item(settingView, { key: 'output', value: 'json', source: 'profile' });
    expect(stdout()).toBe('json\n');
  });
});

describe('a run with fake streams', () => {
  const host: Host = { pid: 4242, entry: 'fas', nodeVersion: '20', system: { platform: 'linux', release: '6', arch: 'x64' }, onSignal: () => () => {}, exit: (code) => { throw new Error(`exit ${code}`); } };

  it('prints a table of the config, and its errors as one line, with the exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fas-output-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ current_profile: 'work', profiles: { work: { api_url: 'https://work.example.com', token: 'secret-token' } } }));
    const env = { FAS_CONFIG_DIR: dir };

    const list = testIO();
    expect(await runCli({ argv: ['config', 'list'], env, io: list.io, host })).toBe(0);
    expect(list.stdout()).toBe(
      [
        'KEY              VALUE                     SOURCE',
        'api_url          https://work.example.com  profile',
        'token            (set)                     profile',
        'output           table                     default',
        'retries          5                         default',
        'request_timeout  30s                       default',
        'profile: work',
        '',
      ].join('\n'),
    );

    const usage = testIO();
    expect(await runCli({ argv: ['spotz'], env, io: usage.io, host })).toBe(2);
    expect(usage.stderr()).toBe("Error: unknown command 'spotz' (did you mean spots?)\nHint: see fas --help\n");
    expect(usage.stdout()).toBe('');
  });
});
