// npm run bench: how fast `fas` starts, lists, waits and installs, each
// figure measured side by side with its reference in this one run, against
// a sandbox in its own process holding 10,000 spots. Prints a table and
// exits 1 when a target is missed. Set FAS_BENCH_RUNS for more or fewer runs.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, ok, peakRssMiB, sideBySide, timed } from './measure.mjs';
import { mcpBench } from './mcp.mjs';
import { startProxy } from './proxy.mjs';
import { watchBench } from './watch.mjs';
import { FLEET_SEED, fleetBench, fleetLive } from './fleet.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE = process.execPath;
const FAS = [NODE, join(ROOT, 'bin/fas.js')];
const REF_GET = [NODE, join(ROOT, 'bench/reference/get.mjs'), '/api/spots?page=1&per_page=100'];
const REF_PAGES = [NODE, join(ROOT, 'bench/reference/pages.mjs')];
const RUNS = Number(process.env.FAS_BENCH_RUNS ?? 15);
const SPOTS = 10_000;
const PROVISION_SECONDS = 2;
const LONG_WAIT_SECONDS = 60;

// Nothing from the caller's own fas set-up may leak into a measurement.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FAS_') && k !== 'NODE_OPTIONS'));
const tmp = mkdtempSync(join(os.tmpdir(), 'fas-bench-'));
const rows = [];
const sandboxes = [];

/** One line of the results; `met` undefined for a figure without a target. */
function report(figure, fas, reference, target, met) {
  rows.push({ figure, fas, reference, target, met });
  process.stderr.write(`${met === false ? 'MISSED ' : ''}${figure}: ${fas}${reference ? ` (reference ${reference})` : ''}\n`);
}

const ms = (v) => `${v.toFixed(0)} ms`;
const ratioRow = (figure, fasMs, refMs, refName, limit) =>
  report(figure, ms(fasMs), `${refName} ${ms(refMs)}`, `<= ${limit}x (${(fasMs / refMs).toFixed(2)}x)`, fasMs / refMs <= limit);

async function startSandbox(name, provisionSeconds, extra = []) {
  const data = join(tmp, name);
  const configDir = join(tmp, `${name}-config`);
  const r = await ok(
    [...FAS, 'sandbox', 'start', '--detach', '--port', '0', '--data', data, '--rate-limit', '0', '--provision-seconds', String(provisionSeconds), ...extra, '--json'],
    { env: { ...cleanEnv, FAS_CONFIG_DIR: configDir }, keepStdout: true },
  );
  sandboxes.push(data);
  const url = JSON.parse(r.stdout).url;
  const token = readFileSync(join(data, 'token'), 'utf8').trim();
  return { url, token, data, configDir, env: { ...cleanEnv, FAS_CONFIG_DIR: join(tmp, 'no-config'), FAS_API_URL: url, FAS_TOKEN: token } };
}

function call(sandbox, method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request(`${sandbox.url}${path}`, { method, headers: { authorization: `Token ${sandbox.token}`, 'content-type': 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => (res.statusCode < 400 ? resolve(JSON.parse(Buffer.concat(chunks))) : reject(new Error(`${method} ${path}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/** `workers` clients, one request after another each, for `seconds`; or `count` requests in all. */
async function load(workers, send, { seconds, count }) {
  const until = seconds === undefined ? Infinity : performance.now() + seconds * 1000;
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < until && (count === undefined || sent < count)) {
        sent += 1;
        await send();
      }
    }),
  );
  return sent / ((performance.now() - started) / 1000);
}

async function seed(sandbox) {
  // A bid price no market reaches: the spots are bought whatever the simulated price.
  const rate = await load(8, () => call(sandbox, 'PUT', '/api/spots', { max_bid_price: 1000 }), { count: SPOTS });
  report(`sandbox: PUT /api/spots (add a spot), 8 clients`, `${rate.toFixed(0)} req/s`, '', '', undefined);
  const deadline = performance.now() + 120_000;
  while ((await call(sandbox, 'GET', '/api/spots?state=active&per_page=1')).meta.total < SPOTS) {
    if (performance.now() > deadline) throw new Error(`the sandbox did not provision ${SPOTS} spots in 2 minutes`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function startup() {
  const noConfig = { ...cleanEnv, FAS_CONFIG_DIR: join(tmp, 'no-config') };
  const [bare, version, help, commandHelp, tab] = await sideBySide(
    [
      { argv: [NODE, '-e', '0'] },
      { argv: [...FAS, '--version'] },
      { argv: [...FAS, '--help'] },
      { argv: [...FAS, 'spots', 'list', '--help'] },
      { argv: [...FAS, '__complete', 'spots', ''], env: noConfig },
    ],
    RUNS,
  );
  ratioRow('fas --version', version, bare, 'node -e 0', 1.2);
  ratioRow('fas --help', help, bare, 'node -e 0', 1.3);
  ratioRow('fas spots list --help (the program renders it)', commandHelp, bare, 'node -e 0', 2);
  ratioRow('a Tab: fas __complete spots ""', tab, bare, 'node -e 0', 2);
}

async function lists(sandbox) {
  const profileEnv = { ...cleanEnv, FAS_CONFIG_DIR: sandbox.configDir };
  const [ref, env, profile] = await sideBySide(
    [
      { argv: REF_GET, env: sandbox.env },
      { argv: [...FAS, 'spots', 'list', '--json'], env: sandbox.env },
      { argv: [...FAS, 'spots', 'list', '--json'], env: profileEnv },
    ],
    RUNS,
  );
  ratioRow('spots list --json (settings in env)', env, ref, 'node:http GET', 1.3);
  const [refTab, tab] = await sideBySide([{ argv: REF_GET, env: sandbox.env }, { argv: [...FAS, '__complete', 'spots', 'get', ''], env: sandbox.env }], RUNS);
  ratioRow('a Tab from the API: fas __complete spots get "" (100 spots)', tab, refTab, 'node:http GET', 2);
  ratioRow('spots list --json (settings in a profile)', profile, ref, 'node:http GET', 2.5);

  const all = JSON.parse((await ok([...FAS, 'spots', 'list', '--all', '--json'], { env: sandbox.env, keepStdout: true })).stdout);
  if (all.length !== SPOTS) throw new Error(`spots list --all --json gave ${all.length} spots, not ${SPOTS}`);
  const allRuns = Math.max(3, Math.ceil(RUNS / 3));
  const jsonl = (await ok([...FAS, 'spots', 'list', '--all', '-o', 'jsonl'], { env: sandbox.env, keepStdout: true })).stdout.trimEnd().split('\n');
  if (jsonl.length !== SPOTS) throw new Error(`spots list --all -o jsonl gave ${jsonl.length} lines, not ${SPOTS}`);
  const [pages, allJson, allTable, allJsonl, allCsv] = await sideBySide(
    [
      { argv: REF_PAGES, env: sandbox.env },
      { argv: [...FAS, 'spots', 'list', '--all', '--json'], env: sandbox.env },
      { argv: [...FAS, 'spots', 'list', '--all'], env: sandbox.env },
      { argv: [...FAS, 'spots', 'list', '--all', '-o', 'jsonl'], env: sandbox.env },
      { argv: [...FAS, 'spots', 'list', '--all', '-o', 'csv'], env: sandbox.env },
    ],
    allRuns,
  );
  ratioRow(`spots list --all --json (${SPOTS} spots)`, allJson, pages, 'node:http pages', 2);
  ratioRow(`spots list --all, table (${SPOTS} spots)`, allTable, pages, 'node:http pages', 2);
  ratioRow(`spots list --all -o jsonl (${SPOTS} spots)`, allJsonl, pages, 'node:http pages', 2);
  ratioRow(`spots list --all -o csv (${SPOTS} spots)`, allCsv, pages, 'node:http pages', 2);
  const [rssPages, rssJson, rssTable, rssJsonl] = [
    await peakRssMiB(REF_PAGES, sandbox.env),
    await peakRssMiB([...FAS, 'spots', 'list', '--all', '--json'], sandbox.env),
    await peakRssMiB([...FAS, 'spots', 'list', '--all'], sandbox.env),
    await peakRssMiB([...FAS, 'spots', 'list', '--all', '-o', 'jsonl'], sandbox.env),
  ];
  report(`peak memory, --all --json (${SPOTS} spots)`, `${rssJson.toFixed(0)} MiB`, `node:http pages ${rssPages.toFixed(0)} MiB`, '', undefined);
  report(`peak memory, --all table (${SPOTS} spots)`, `${rssTable.toFixed(0)} MiB`, `node:http pages ${rssPages.toFixed(0)} MiB`, '', undefined);
  // Printed a page at a time, jsonl holds one page, not the list: below what --json holds.
  report(
    `peak memory, --all -o jsonl (${SPOTS} spots)`,
    `${rssJsonl.toFixed(0)} MiB`,
    `--json ${rssJson.toFixed(0)} MiB`,
    '< --json',
    rssJsonl < rssJson,
  );
}

/** The formats that load code of their own, beside --json: what that code costs a command. */
async function formats(sandbox) {
  const [json, yaml, query] = await sideBySide(
    [
      { argv: [...FAS, 'spots', 'list', '--json'], env: sandbox.env },
      { argv: [...FAS, 'spots', 'list', '-o', 'yaml'], env: sandbox.env },
      { argv: [...FAS, 'spots', 'list', '--query', '[].id'], env: sandbox.env },
    ],
    RUNS,
  );
  // yaml's writer is slow to warm up: a cost paid only by -o yaml.
  ratioRow('spots list -o yaml (loads yaml)', yaml, json, '--json', 2);
  ratioRow("spots list --query '[].id' (loads jmespath)", query, json, '--json', 1.5);
}

/** `fas spots add --wait` through the proxy: how late it reports the end, and what it asked meanwhile. */
async function addAndWait(proxy, env, provisionSeconds) {
  const from = proxy.log.length;
  const r = await ok([...FAS, 'spots', 'add', '--wait', '--max-price', '1000', '--json'], { env: { ...env, FAS_API_URL: proxy.url } });
  const seen = proxy.log.slice(from);
  const accepted = seen.find((e) => e.method === 'PUT' && e.status === 202);
  // The sandbox sets the end when it accepts the add, a moment before its answer leaves the proxy.
  const end = accepted.at + provisionSeconds * 1000;
  const polls = seen.filter((e) => e.method === 'GET' && e.path.startsWith('/api/executions/') && e.at <= r.firstOutput);
  const last = polls.at(-1);
  const before = polls.at(-2);
  return { lag: r.firstOutput - end, polls: polls.length, interval: last && before ? last.at - before.at : 0 };
}

async function waiting(sandbox, slow) {
  const longPoll = await startProxy(sandbox.url, { longPoll: true });
  const plain = await startProxy(sandbox.url, { longPoll: false });
  try {
    const lags = [];
    for (let i = 0; i < 5; i++) lags.push((await addAndWait(longPoll, sandbox.env, PROVISION_SECONDS)).lag);
    const lag = median(lags);
    report('spots add --wait: end reported after (long poll)', ms(lag), `execution end (${PROVISION_SECONDS} s)`, '<= 50 ms', lag <= 50);

    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await addAndWait(plain, sandbox.env, PROVISION_SECONDS));
    const late = runs.filter((x) => x.lag > x.interval + 50);
    report(
      'spots add --wait: end reported after (no long poll)',
      runs.map((x) => ms(x.lag)).join(', '),
      `poll interval ${runs.map((x) => ms(x.interval)).join(', ')}`,
      '<= one poll interval',
      late.length === 0,
    );
  } finally {
    await Promise.all([longPoll.close(), plain.close()]);
  }
  const plainSlow = await startProxy(slow.url, { longPoll: false });
  try {
    const run = await addAndWait(plainSlow, slow.env, LONG_WAIT_SECONDS);
    const perMinute = (run.polls * 60) / (LONG_WAIT_SECONDS + run.lag / 1000);
    report(
      `spots add --wait, ${LONG_WAIT_SECONDS} s, no long poll: requests`,
      `${run.polls} (${perMinute.toFixed(1)}/min)`,
      `end reported ${ms(run.lag)} late, poll interval ${ms(run.interval)}`,
      '<= 15 per minute, late <= one interval',
      perMinute <= 15 && run.lag <= run.interval + 50,
    );
  } finally {
    await plainSlow.close();
  }
}

/** The reference server (bench/reference/spots-server.mjs) on the sandbox's own database, once it listens. */
function startReference(sandbox) {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [join(ROOT, 'bench/reference/spots-server.mjs'), join(sandbox.data, 'sandbox.db')], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', reject);
    child.stdout.once('data', (d) => resolve({ url: d.toString().trim(), token: sandbox.token, close: () => child.kill() }));
  });
}

async function throughput(sandbox) {
  const reference = await startReference(sandbox);
  try {
    for (const perPage of [100, 1000]) {
      // In turn, round after round, so that a busy moment of the machine hits both alike.
      const rates = { sandbox: [], reference: [] };
      for (let round = 0; round < 3; round++) {
        for (const [name, target] of [['sandbox', sandbox], ['reference', reference]]) {
          rates[name].push(await load(8, () => call(target, 'GET', `/api/spots?per_page=${perPage}`), { seconds: 3 }));
        }
      }
      const [mine, floor] = [median(rates.sandbox), median(rates.reference)];
      report(
        `sandbox: GET /api/spots, pages of ${perPage} of ${SPOTS}, 8 clients`,
        `${mine.toFixed(0)} req/s`,
        `node:http + node:sqlite ${floor.toFixed(0)} req/s`,
        `>= 0.85x (${(mine / floor).toFixed(2)}x)`,
        perPage === 100 ? mine / floor >= 0.85 : undefined,
      );
    }
  } finally {
    reference.close();
  }
}

/** The pure half of `fas market advise`: a backtest per metro and strategy over 90 days of the sandbox's history. */
async function backtests(sandbox) {
  const { BID_STRATEGIES, backtest, chooseBidPrice, priceForAvailability } = await import(join(ROOT, 'dist/index.js'));
  const plan = { slug: 'c3.small', onDemand: 0.5 };
  const until = Math.floor(Date.now() / 1000);
  // Just inside the 90 days the API keeps.
  const from = until - 90 * 86_400 + 300;
  const metros = ['sv', 'da', 'ny', 'am', 'fr', 'sg'];
  const histories = await Promise.all(
    metros.map(async (metro) => (await call(sandbox, 'GET', `/api/market/spot/prices/history?metro=${metro}&plan=${plan.slug}&from=${from}&until=${until}`)).prices),
  );
  const all = () => {
    for (const points of histories) {
      const week = points.filter((p) => p.timestamp > until - 7 * 86_400);
      for (const strategy of BID_STRATEGIES) backtest(points, chooseBidPrice(strategy, week, plan.onDemand, '7-day').price, { onDemandPrice: plan.onDemand });
    }
  };
  const targets = () => {
    for (const points of histories) priceForAvailability(points, 0.95, { onDemandPrice: plan.onDemand });
  };
  const time = (fn) => {
    fn(); // warm-up
    const runs = Array.from({ length: RUNS }, () => {
      const started = performance.now();
      fn();
      return performance.now() - started;
    });
    return median(runs);
  };
  const n = histories.reduce((sum, h) => sum + h.length, 0) / histories.length;
  const [allMs, targetsMs] = [time(all), time(targets)];
  report(`backtest: 6 metros x 4 strategies over 90 days (${n.toFixed(0)} points each)`, `${allMs.toFixed(1)} ms`, '', '<= 250 ms', allMs <= 250);
  report('priceForAvailability: 6 metros over 90 days', `${targetsMs.toFixed(1)} ms`, '', '<= 250 ms', targetsMs <= 250);
}

/** `fas market advise` over every metro and 90 days (six histories and the plans), beside one `market history --json` of that window. */
async function advise(sandbox) {
  const [history, advice] = await sideBySide(
    [
      { argv: [...FAS, 'market', 'history', '--metro', 'sv', '--plan', 'c3.small', '--since', '90d', '--json'], env: sandbox.env },
      { argv: [...FAS, 'market', 'advise', '--plan', 'c3.small', '--lookback', '90d', '--json'], env: sandbox.env },
    ],
    RUNS,
  );
  report(
    'market advise --plan c3.small --lookback 90d (6 metros)',
    ms(advice),
    `market history --json, 90d, one metro ${ms(history)}`,
    `< 1000 ms (${(advice / history).toFixed(2)}x)`,
    advice < 1000,
  );
}

function sizeOf(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.size;
  return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
}

async function install() {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = JSON.parse(execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], { cwd: ROOT, env: cleanEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const tarball = join(tmp, packed[0].filename);
  const prefix = join(tmp, 'prefix');
  const r = await ok([npm, 'install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { env: cleanEnv });
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
  const ran = await ok([join(prefix, 'bin', 'fas'), '--version'], { env: cleanEnv, keepStdout: true });
  // Nothing of fas's may run at install: npm names any package whose scripts it ran or skipped.
  const quiet = !/script/i.test(r.stderr ?? '');
  const works = ran.stdout.trim() === version && quiet;
  const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const seconds = r.ms / 1000;
  report('npm install -g of the packed tarball', `${seconds.toFixed(1)} s`, `tarball ${mib(statSync(tarball).size)}`, '< 5 s, runs, no script warning', works && seconds < 5);
  const size = sizeOf(join(prefix, 'lib', 'node_modules', packed[0].name));
  report('installed size', mib(size), '', '< 5 MiB', size < 5 * 2 ** 20);
  // Where install scripts are not run (pnpm, bun, npm --ignore-scripts): the sandbox must work all the same.
  const bare = join(tmp, 'prefix-ignore-scripts');
  const r2 = await ok([npm, 'install', '-g', '--ignore-scripts', '--prefix', bare, '--no-audit', '--no-fund', tarball], { env: cleanEnv });
  const data = join(tmp, 'ignore-scripts-data');
  const configDir = join(tmp, 'ignore-scripts-config');
  const fasBare = (args) => ok([join(bare, 'bin', 'fas'), ...args], { env: { ...cleanEnv, FAS_CONFIG_DIR: configDir }, keepStdout: true });
  await fasBare(['sandbox', 'start', '--detach', '--port', '0', '--data', data, '--provision-seconds', '0.2']);
  sandboxes.push(data);
  const spot = JSON.parse((await fasBare(['spots', 'add', '--wait', '--max-price', '1000', '--json'])).stdout);
  report('npm install -g --ignore-scripts, then sandbox start --detach, spots add --wait', `${(r2.ms / 1000).toFixed(1)} s`, '', 'the spot is active', spot.state === 'active');
}

function print() {
  const head = ['figure', 'fas', 'reference', 'target', 'met'];
  const table = [head, ...rows.map((r) => [r.figure, r.fas, r.reference, r.target, r.met === undefined ? '' : r.met ? 'yes' : 'NO'])];
  const widths = head.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const cpu = os.cpus();
  console.log(`node ${process.version}, ${os.type()} ${os.release()}, ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; medians of ${RUNS} runs`);
  for (const row of table) console.log(row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
}

let code = 0;
try {
  const sandbox = await startSandbox('sandbox', PROVISION_SECONDS);
  const slow = await startSandbox('slow', LONG_WAIT_SECONDS);
  await seed(sandbox);
  await startup();
  await lists(sandbox);
  await formats(sandbox);
  await waiting(sandbox, slow);
  await throughput(sandbox);
  await backtests(sandbox);
  await advise(sandbox);
  // Its own sandbox (--admin, to move prices), whose pool is only what the watches watch.
  await watchBench({ fas: FAS, sandbox: await startSandbox('events', PROVISION_SECONDS, ['--admin']), call, report, tmp });
  // ---- fas fleet: two sandboxes of their own, the seed fixed, at normal and at high volatility ----
  const fleetSandbox = (volatility) => startSandbox(`fleet-${volatility}`, PROVISION_SECONDS, ['--admin', '--seed', String(FLEET_SEED), '--volatility', volatility]);
  const fleetSandboxes = { normal: await fleetSandbox('normal'), high: await fleetSandbox('high') };
  await fleetBench({ root: ROOT, fas: FAS, sandboxes: fleetSandboxes, call, report, runs: RUNS, tmp });
  await fleetLive({ fas: FAS, sandbox: fleetSandboxes.normal, call, report });
  // ---- end of fas fleet ----
  await install();

  // `fas mcp`, apart: its start-up with the SDK, and the bytes its tools/list and a result cost an assistant.
  await mcpBench({ fas: FAS, node: NODE, sandbox, report, runs: RUNS });
  print();
  const missed = rows.filter((r) => r.met === false);
  if (missed.length) {
    console.error(`missed: ${missed.map((r) => r.figure).join('; ')}`);
    code = 1;
  }
} catch (err) {
  console.error(`bench failed: ${err.message}`);
  code = 1;
} finally {
  for (const data of sandboxes) await timed([...FAS, 'sandbox', 'stop', '--data', data], { env: cleanEnv });
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
