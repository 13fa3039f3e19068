// The benchmark of `fas fleet`: the policy replayed over 90 days of six
// markets (sv, ny, am by c3.small, c3.medium) at normal and at high
// volatility, N=10, --strategy balanced --fallback on-demand, each beside one
// balanced bid in the cheapest market; and how long the replay takes.
import { join } from 'node:path';
import { median } from './measure.mjs';

const METROS = ['sv', 'ny', 'am'];
const PLANS = ['c3.small', 'c3.medium'];
export const FLEET_SEED = 42;
const N = 10;
const MAX_SURGE = 1;
const MAX_SPEND = 6;

async function histories(sandbox, call) {
  const plans = (await call(sandbox, 'GET', '/api/plans')).plans;
  const until = Math.floor(Date.now() / 1000);
  // Just inside the 90 days the API keeps.
  const from = until - 90 * 86_400 + 300;
  const pairs = METROS.flatMap((metro) => PLANS.map((plan) => ({ metro, plan })));
  const markets = await Promise.all(
    pairs.map(async ({ metro, plan }) => ({
      metro,
      plan,
      onDemand: plans.find((p) => p.slug === plan).pricing.hour,
      points: (await call(sandbox, 'GET', `/api/market/spot/prices/history?metro=${metro}&plan=${plan}&from=${from}&until=${until}`)).prices,
    })),
  );
  return { markets, from, until };
}

/** `sandboxes`: { normal, high }, each started with --seed FLEET_SEED and its --volatility. */
export async function fleetBench({ root, sandboxes, call, report, runs }) {
  const { fleetSpec, planFleet } = await import(join(root, 'dist/index.js'));
  const spec = fleetSpec({ name: 'bench', count: N, plans: PLANS, metros: METROS, price: { strategy: 'balanced' }, fallback: 'on-demand', maxSurge: MAX_SURGE, maxSpend: MAX_SPEND });
  const pct = (n) => `${(n * 100).toFixed(2)}%`;
  let timing;
  for (const [volatility, sandbox] of Object.entries(sandboxes)) {
    const { markets } = await histories(sandbox, call);
    // The whole 90 days: the first week's bids are chosen from the history there is so far.
    const plan = planFleet(spec, markets, { from: markets[0].points[0].timestamp });
    timing ??= markets;
    const f = plan.fleet;
    const s = plan.single;
    report(
      `fleet plan, 90d, ${volatility} volatility: share of the target's spot-hours kept`,
      pct(f.kept),
      `one balanced bid (${s.metro} ${s.plan}) ${pct(s.kept)}`,
      '>= 99.5%',
      f.kept >= 0.995,
    );
    report(`fleet plan, 90d, ${volatility}: cost against on-demand`, pct(f.vs_on_demand), `one balanced bid ${pct(s.vs_on_demand)}`, '<= 40%', f.vs_on_demand <= 0.4);
    report(`fleet plan, 90d, ${volatility}: highest hourly cost`, `$${f.max_spend_rate.toFixed(2)}/h`, '', `<= --max-spend $${MAX_SPEND}`, f.max_spend_rate <= MAX_SPEND);
    report(`fleet plan, 90d, ${volatility}: most spots held`, String(f.max_held), '', `<= N + max-surge (${N + MAX_SURGE})`, f.max_held <= N + MAX_SURGE);
    report(
      `fleet plan, 90d, ${volatility}: replacements, revocations, worst hour`,
      `${f.replacements}, ${f.revocations}, ${pct(f.worst_hour.kept)}`,
      `one balanced bid: ${s.revocations} revoked, worst hour ${pct(s.worst_hour.kept)}`,
      '',
      undefined,
    );
  }
  const ms = [];
  planFleet(spec, timing); // warm-up
  for (let i = 0; i < Math.max(3, Math.min(runs, 7)); i++) {
    const started = performance.now();
    planFleet(spec, timing, { from: timing[0].points[0].timestamp });
    ms.push(performance.now() - started);
  }
  const m = median(ms);
  report('fleet plan: replay of 90 days, 6 markets, N=10', `${m.toFixed(0)} ms`, '', '< 2000 ms', m < 2000);
}

/**
 * Live, against the sandbox: a `fas fleet keep` of two spots, one market's
 * price set above their bid; from that price change (its answer) to the
 * line saying the replacement was bought, and whether the replacement is
 * active before the old spot's termination time.
 */
export async function fleetLive({ fas, sandbox, call, report }) {
  const { spawn } = await import('node:child_process');
  for (const metro of ['sv', 'ny']) await call(sandbox, 'PUT', '/_sandbox/prices', { metro, plan: 'c3.small', price: 0.2 });
  const args = ['fleet', 'keep', 'bench-live', '--count', '2', '--plan', 'c3.small', '--metro', 'sv,ny', '--max-price', '0.4', '--cooldown', '0s'];
  const child = spawn(fas[0], [...fas.slice(1), ...args], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const seen = [];
  child.stdout.on('data', (d) => {
    out += d;
    for (const line of String(d).split('\n')) if (line) seen.push({ line, at: performance.now() });
  });
  child.stderr.on('data', (d) => (err += d));
  const until = async (test, what, ms = 30_000) => {
    const deadline = performance.now() + ms;
    while (!(await test())) {
      if (performance.now() > deadline) throw new Error(`fleet keep never ${what}: ${err}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const fleet = async () => (await call(sandbox, 'GET', '/api/spots?tag=fas-fleet:bench-live&per_page=100')).spots;
  try {
    await until(async () => (await fleet()).filter((s) => s.state === 'active').length === 2, 'filled');
    const old = (await fleet()).find((s) => s.metro === 'ny');
    await call(sandbox, 'PUT', '/_sandbox/prices', { metro: 'ny', plan: 'c3.small', price: 0.5 });
    const changed = performance.now();
    await until(() => seen.some((s) => s.at >= changed && /bought .*\(notice/.test(s.line)), 'bought a replacement');
    const lag = seen.find((s) => s.at >= changed && /bought .*\(notice/.test(s.line)).at - changed;
    const id = / spot ([0-9a-f-]{36}) /.exec(seen.find((s) => /bought .*\(notice/.test(s.line)).line)[1];
    await until(async () => (await call(sandbox, 'GET', `/api/spots/${id}`)).state === 'active', 'saw its replacement active');
    const activeAt = Date.now();
    const ends = Date.parse((await call(sandbox, 'GET', `/api/spots/${old.id}`)).termination_time);
    report('fleet keep: price change putting a spot under notice to its replacement bought (long poll)', `${lag.toFixed(0)} ms`, '', '< 1000 ms', lag < 1000);
    report('fleet keep: replacement active before the old spot\'s termination time', `${((ends - activeAt) / 1000).toFixed(1)} s before`, '', 'before', activeAt < ends);
  } finally {
    child.kill('SIGINT');
    await new Promise((r) => child.once('close', r));
    await call(sandbox, 'PUT', '/_sandbox/prices', { metro: 'ny', plan: 'c3.small', price: null }).catch(() => undefined);
  }
}

// `node bench/fleet.mjs`: this section alone, against sandboxes it starts and stops.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const os = await import('node:os');
  const http = await import('node:http');
  const root = new URL('..', import.meta.url).pathname;
  const fas = [process.execPath, join(root, 'bin/fas.js')];
  const tmp = mkdtempSync(join(os.tmpdir(), 'fas-fleet-bench-'));
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FAS_')));
  const start = (volatility) => {
    const data = join(tmp, volatility);
    const out = execFileSync(fas[0], [...fas.slice(1), 'sandbox', 'start', '--detach', '--port', '0', '--data', data, '--rate-limit', '0', '--admin', '--seed', String(FLEET_SEED), '--volatility', volatility, '--json'], { env: { ...env, FAS_CONFIG_DIR: join(tmp, 'config') }, encoding: 'utf8' });
    return { url: JSON.parse(out).url, token: readFileSync(join(data, 'token'), 'utf8').trim(), data, env: { ...env, FAS_CONFIG_DIR: join(tmp, 'no-config'), FAS_API_URL: JSON.parse(out).url, FAS_TOKEN: readFileSync(join(data, 'token'), 'utf8').trim() } };
  };
  const call = (sandbox, method, path, body) =>
    new Promise((resolve, reject) => {
      const req = http.request(`${sandbox.url}${path}`, { method, headers: { authorization: `Token ${sandbox.token}`, 'content-type': 'application/json' } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => (res.statusCode < 400 ? resolve(JSON.parse(Buffer.concat(chunks))) : reject(new Error(`${method} ${path}: ${res.statusCode} ${Buffer.concat(chunks)}`))));
      });
      req.on('error', reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });
  const sandboxes = { normal: start('normal'), high: start('high') };
  let missed = 0;
  const report = (figure, value, reference, target, met) => {
    if (met === false) missed++;
    console.log(`${met === false ? 'MISSED ' : ''}${figure}: ${value}${reference ? ` (${reference})` : ''}${target ? ` [target ${target}]` : ''}`);
  };
  try {
    await fleetBench({ root, fas, sandboxes, call, report, runs: Number(process.env.FAS_BENCH_RUNS ?? 5), tmp });
    await fleetLive({ fas, sandbox: sandboxes.normal, call, report });
  } finally {
    for (const s of Object.values(sandboxes)) execFileSync(fas[0], [...fas.slice(1), 'sandbox', 'stop', '--data', s.data], { env });
    rmSync(tmp, { recursive: true, force: true });
  }
  process.exitCode = missed ? 1 : 0;
}
