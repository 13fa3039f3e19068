// The benchmark of `fas spots watch`: how soon a termination hook starts
// after the market passes a spot's bid, with and without long polls, and
// what a watch over a thousand spots asks of the API.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './measure.mjs';
import { startProxy } from './proxy.mjs';

/** How often the client asks a server that ignores `?wait=` (FollowEventsOptions.pollIntervalMs's default). */
const POLL_INTERVAL_MS = 2_000;

/** A watch in the background, and a way to wait until its stderr says something. */
function startWatch(fas, args, env) {
  const child = spawn(fas[0], [...fas.slice(1), 'spots', 'watch', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const until = async (test, what, timeoutMs = 30_000) => {
    const deadline = performance.now() + timeoutMs;
    while (!test({ out, err })) {
      if (performance.now() > deadline || child.exitCode !== null) throw new Error(`the watch never ${what}: ${err}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const stop = () => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('close', resolve), child.kill('SIGINT'))));
  return { until, stop, out: () => out };
}

/**
 * Price set (PUT /_sandbox/prices) to the hook's first command, in wall-clock
 * ms: the hook writes `date +%s%N` as it starts; the price change is
 * committed when its answer comes, so that is its time.
 */
async function hookLag({ fas, sandbox, env, call, metro, tmp, round }) {
  const [spot] = await call(sandbox, 'POST', '/api/spot-market-requests', {
    devices_min: 1, devices_max: 1, max_bid_price: 0.9, metro, instance_parameters: { plan: 'c3.small' },
  }).then((bid) => [bid.spots[0]]);
  const file = join(tmp, `hook-${metro}-${round}`);
  const watch = startWatch(fas, [spot, '--on-termination', `date +%s%N > ${file}`, '--exit-when-empty'], env);
  try {
    await watch.until(({ err }) => err.includes('watching 1 spot'), 'started');
    // Once it holds its request (or sleeps between polls), whichever.
    await new Promise((r) => setTimeout(r, 300));
    const sent = Date.now();
    await call(sandbox, 'PUT', '/_sandbox/prices', { metro, plan: 'c3.small', price: 2 });
    const changed = Date.now();
    const deadline = performance.now() + 15_000;
    while (!existsSync(file) || readFileSync(file, 'utf8').trim() === '') {
      if (performance.now() > deadline) throw new Error('the termination hook never ran');
      await new Promise((r) => setTimeout(r, 2));
    }
    const started = Number(BigInt(readFileSync(file, 'utf8').trim()) / 1_000_000n);
    return { lag: started - changed, request: changed - sent };
  } finally {
    await call(sandbox, 'PUT', '/_sandbox/prices', { metro, plan: 'c3.small', price: null });
    await watch.stop();
  }
}

export async function watchBench({ fas, sandbox, call, report, tmp }) {
  const ms = (v) => `${v.toFixed(0)} ms`;
  const longPoll = await startProxy(sandbox.url, { longPoll: true });
  const plain = await startProxy(sandbox.url, { longPoll: false });
  try {
    const runs = [];
    for (let round = 0; round < 5; round++) {
      runs.push(await hookLag({ fas, sandbox, env: { ...sandbox.env, FAS_API_URL: longPoll.url }, call, metro: 'sv', tmp, round }));
    }
    const lag = median(runs.map((r) => r.lag));
    report(
      'price set to --on-termination hook start (long poll)',
      `${ms(lag)} (${runs.map((r) => ms(r.lag)).join(', ')})`,
      `the price change's answer (it took ${ms(median(runs.map((r) => r.request)))})`,
      '< 1000 ms',
      runs.every((r) => r.lag < 1000),
    );

    const polled = [];
    for (let round = 0; round < 3; round++) {
      polled.push(await hookLag({ fas, sandbox, env: { ...sandbox.env, FAS_API_URL: plain.url }, call, metro: 'da', tmp, round }));
    }
    report(
      'price set to --on-termination hook start (no long poll)',
      polled.map((r) => ms(r.lag)).join(', '),
      `poll interval ${ms(POLL_INTERVAL_MS)}`,
      '<= one poll interval',
      polled.every((r) => r.lag <= POLL_INTERVAL_MS),
    );

    // A thousand spots of one bid, watched whole, then all revoked at once. The
    // market is held under the bid first: left to itself, fr m3.large can be
    // above $0.9 for hours (on-demand is $2), and the bid would fill nothing.
    await call(sandbox, 'PUT', '/_sandbox/prices', { metro: 'fr', plan: 'm3.large', price: 0.3 });
    await call(sandbox, 'POST', '/api/spot-market-requests', {
      devices_min: 1000, devices_max: 1000, max_bid_price: 0.9, metro: 'fr', instance_parameters: { plan: 'm3.large' },
    });
    const from = longPoll.log.length;
    longPoll.load.max = longPoll.load.inflight;
    const watch = startWatch(fas, ['--json'], { ...sandbox.env, FAS_API_URL: longPoll.url });
    const watchStarted = performance.now();
    try {
      await watch.until(({ err }) => Number(/watching (\d+) spots/.exec(err)?.[1] ?? 0) >= 1000, 'started with the 1000 spots', 60_000);
      const listed = performance.now() - watchStarted;
      await new Promise((r) => setTimeout(r, 300));
      const changed = performance.now();
      await call(sandbox, 'PUT', '/_sandbox/prices', { metro: 'fr', plan: 'm3.large', price: 100 });
      await watch.until(({ out }) => out.split('\n').filter((l) => l.includes('"spot.termination_notice"')).length >= 1000, 'heard the 1000 notices', 60_000);
      const heard = performance.now() - changed;
      await new Promise((r) => setTimeout(r, 1000));
      const requests = longPoll.log.length - from;
      report(
        'spots watch over 1,000 spots: requests, at most at once',
        `${requests} in ${((performance.now() - watchStarted) / 1000).toFixed(1)} s, ${longPoll.load.max} at once`,
        `started in ${ms(listed)}; 1,000 notices printed ${ms(heard)} after the price change`,
        '1 at a time, not one per spot',
        longPoll.load.max === 1 && requests < 50,
      );
    } finally {
      await watch.stop();
      await call(sandbox, 'PUT', '/_sandbox/prices', { metro: 'fr', plan: 'm3.large', price: null });
    }
  } finally {
    await Promise.all([longPoll.close(), plain.close()]);
  }
}
