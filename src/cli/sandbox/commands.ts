import { Option } from 'commander';
import type { Volatility } from '../../sandbox/market/price-model.js';
import { NetworkError, UsageError } from '../../errors.js';
import type { Context } from '../shared/context.js';
import type { Runner } from '../handler.js';
import type { FasCommand } from '../help.js';
import { fieldsView } from '../output/view.js';
import { sandboxStatusView } from './views.js';
import { parseFraction, parseInteger } from '../shared/parse.js';
import { advanceClock, resetPrice, setPrice } from './controls.js';

export const SANDBOX_PROFILE = 'sandbox';

// Written out, not imported: the program's definitions must not load the price model.
const VOLATILITY_LEVELS = ['low', 'normal', 'high'] as const satisfies readonly Volatility[];

interface StartFlags {
  port: string;
  host: string;
  data?: string;
  provisionSeconds: string;
  failRate: string;
  seed?: string;
  volatility?: Volatility;
  admin?: boolean;
  faults?: string;
  rateLimit: string;
  detach?: boolean;
}

export function registerSandbox(program: FasCommand, run: Runner): void {
  const sandbox = program
    .command('sandbox')
    .description('a local FaaSpot API with a simulated market, for trying fas and for CI')
    .examples([
      ['fas sandbox start --detach', 'in the background, on 127.0.0.1:7878, saved as a profile'],
      ['fas sandbox status', 'whether it runs, and where'],
      ['fas sandbox stop', 'stop it'],
    ]);

  sandbox
    .command('start')
    .description("serve the sandbox API and save it as the profile 'sandbox' (use --token to choose its token)")
    .option('--port <port>', 'TCP port (0 picks a free one)', '7878')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--data <dir>', 'where it keeps its database (default: your data directory)')
    .option('--provision-seconds <s>', 'how long adding or removing a spot takes', '2')
    .option('--fail-rate <fraction>', 'share of executions that fail, 0 to 1', '0')
    .option('--seed <n>', 'seed for every random choice, for reproducible runs')
    .addOption(
      new Option('--volatility <level>', 'how much the simulated market moves; high churns, for testing drain logic (default: normal, or what the data directory had)').choices(
        VOLATILITY_LEVELS,
      ),
    )
    .option('--admin', 'enable the /_sandbox/ control routes (set prices, advance the clock)')
    .option('--faults <spec>', 'misbehave on /api/ routes, e.g. drop=0.1,503=0.1,latency=50-400ms')
    .option('--rate-limit <n>', 'requests per second per token before 429 (0 for no limit)', '200')
    .option('--detach', 'run in the background and return once it answers')
    .examples([
      ['fas sandbox start', 'serve on 127.0.0.1:7878 until Ctrl-C'],
      ['fas sandbox start --detach --port 0 --data "$RUNNER_TEMP/sandbox"', 'in CI: in the background, on a free port'],
      ['fas sandbox start --detach --admin --volatility high', 'a churning market, with price and clock controls'],
      ['fas sandbox start --faults drop=0.1,503=0.1,latency=50-400ms', 'a flaky network, for testing scripts'],
    ])
    .action(run(start));

  sandbox
    .command('stop')
    .description('stop the sandbox serving a data directory')
    .option('--data <dir>', 'its data directory (default: your data directory)')
    .examples([
      ['fas sandbox stop', 'the sandbox of your data directory'],
      ['fas sandbox stop --data "$RUNNER_TEMP/sandbox"', 'the one serving that directory'],
    ])
    .action(run(stop));

  const price = sandbox
    .command('price')
    .description('(--admin sandbox) hold a market at a price, for tests and demos')
    .examples([
      ['fas sandbox price set --metro sv --plan c3.small 0.05', 'hold sv c3.small at $0.05 an hour'],
      ['fas sandbox price reset --metro sv --plan c3.small', 'back to the simulated market'],
    ]);
  price
    .command('set')
    .description('hold a market at PRICE until set again or reset')
    .requiredOption('--metro <code>', 'metro')
    .requiredOption('--plan <slug>', 'plan')
    .argument('<price>', 'USD per hour')
    .examples([
      ['fas sandbox price set --metro sv --plan c3.small 0.05', 'hold sv c3.small at $0.05 an hour'],
      ['fas sandbox price set --metro sv --plan c3.small 5', 'above every bid: its spots get a termination time'],
    ])
    .action(run(setPrice));
  price
    .command('reset')
    .description('hand a market back to the simulation')
    .requiredOption('--metro <code>', 'metro')
    .requiredOption('--plan <slug>', 'plan')
    .examples([
      ['fas sandbox price reset --metro sv --plan c3.small', 'sv c3.small follows the simulated market again'],
      ['fas sandbox price reset --metro ny --plan c3.medium --json', 'the prices after, as JSON'],
    ])
    .action(run(resetPrice));

  sandbox
    .command('clock')
    .description('(--admin sandbox) the sandbox clock')
    .examples([
      ['fas sandbox clock advance 3m', 'everything due in the next 3 minutes happens now'],
      ['fas sandbox clock advance 1d', 'a day later: bids that end by then have ended'],
    ])
    .command('advance')
    .description('move the clock forward; everything due by then happens')
    .argument('<duration>', 'e.g. 3m, 1h')
    .examples([
      ['fas sandbox clock advance 3m', 'a spot being added is active, one being removed is gone'],
      ['fas sandbox clock advance 1h --json', 'the sandbox time after, as JSON'],
    ])
    .action(run(advanceClock));

  sandbox
    .command('status')
    .description('tell whether a sandbox serves a data directory, and where (exit 1 when none does)')
    .option('--data <dir>', 'its data directory (default: your data directory)')
    .examples([
      ['fas sandbox status', 'the sandbox of your data directory'],
      ['fas sandbox status --data "$RUNNER_TEMP/sandbox" --json', 'as JSON: running, pid, URL'],
    ])
    .action(run(status));
}

function checkStartFlags(flags: StartFlags) {
  const provisionSeconds = Number(flags.provisionSeconds);
  if (flags.provisionSeconds.trim() === '' || !Number.isFinite(provisionSeconds) || provisionSeconds < 0 || provisionSeconds > 3600) {
    throw new UsageError(`invalid --provision-seconds '${flags.provisionSeconds}': expected a number of seconds from 0 to 3600`);
  }
  return {
    port: parseInteger(flags.port, '--port', { min: 0, max: 65535 }),
    host: flags.host,
    provisionSeconds,
    failRate: parseFraction(flags.failRate, '--fail-rate'),
    seed: flags.seed === undefined ? undefined : parseInteger(flags.seed, '--seed'),
    volatility: flags.volatility,
    admin: flags.admin ?? false,
    faults: flags.faults,
    rateLimit: parseInteger(flags.rateLimit, '--rate-limit', { min: 0, max: 1_000_000 }),
  };
}

/** Only a token given on purpose (flag or FAS_TOKEN) becomes the sandbox's; never one from a profile. */
function sandboxToken(ctx: Context): string | undefined {
  const source = ctx.settings.sources.token;
  return source === 'flag' || source === 'env' ? ctx.settings.token : undefined;
}

async function start(ctx: Context, flags: StartFlags): Promise<void> {
  const options = checkStartFlags(flags);
  const sandbox = await import('../../sandbox/index.js');
  // Before a process is started or a port taken: a token no header can carry would make a sandbox nothing can reach or stop.
  const token = sandboxToken(ctx);
  if (token !== undefined) sandbox.checkToken(token, ctx.settings.sources.token === 'flag' ? '--token' : 'FAS_TOKEN');
  const detach = await import('../../sandbox/detach.js');
  // The background process of a --detach start: its options come as data, not as these flags.
  if (detach.inBackground()) return detach.serveInBackground(ctx.signal);
  // Checked here as well, so a detached start fails in the foreground.
  if (options.faults !== undefined) sandbox.parseFaults(options.faults);
  const dataDir = flags.data ?? sandbox.defaultDataDir();
  ctx.out.willShow(fieldsView(['url', 'pid', 'data_dir', 'profile']));

  if (flags.detach) {
    const child = await detach.startDetached({ ...options, dataDir, token }, ctx.host.entry, await givenOptions(ctx.argv));
    // Saved here, so that it is there when this returns; when one already
    // served, saving it again is what a second run is for.
    await saveSandboxProfile(ctx, child.url, child.token);
    ctx.out.info(
      child.already
        ? `a sandbox already serves ${dataDir} at ${child.url} (pid ${child.pid}); profile '${SANDBOX_PROFILE}' is ready`
        : `sandbox running in the background at ${child.url} (pid ${child.pid}, data in ${dataDir}); profile '${SANDBOX_PROFILE}' is ready`,
    );
    ctx.out.info(`stop it with: fas sandbox stop${flags.data ? ` --data ${dataDir}` : ''}`);
    return ctx.out.data({ url: child.url, pid: child.pid, data_dir: dataDir, profile: SANDBOX_PROFILE }, () => '');
  }

  const running = await sandbox.startSandbox({ ...options, dataDir, tokens: token ? [token] : [] });
  try {
    await saveSandboxProfile(ctx, running.url, running.token);
    ctx.out.info(`sandbox serving ${running.url} (data in ${dataDir}); saved as profile '${SANDBOX_PROFILE}'. Ctrl-C stops it.`);
    await ctx.out.data({ url: running.url, pid: ctx.host.pid, data_dir: dataDir, profile: SANDBOX_PROFILE }, () => '');
    await untilStopped(ctx);
  } finally {
    await running.close();
  }
  ctx.out.info('sandbox stopped');
}

/** The options this start's command line names (not those left at their defaults): what a sandbox already serving must do. */
async function givenOptions(argv: readonly string[]) {
  const { ASKABLE, ASKABLE_FLAGS } = await import('../../sandbox/differences.js');
  const words = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : argv.length);
  return new Set(ASKABLE.filter((key) => words.some((w) => w === ASKABLE_FLAGS[key] || w.startsWith(`${ASKABLE_FLAGS[key]}=`))));
}

async function saveSandboxProfile(ctx: Context, url: string, token: string): Promise<void> {
  let before: string | undefined;
  await ctx.config.update((config) => {
    const profiles = (config.profiles ??= {});
    before = profiles[SANDBOX_PROFILE]?.api_url;
    profiles[SANDBOX_PROFILE] = { ...profiles[SANDBOX_PROFILE], api_url: url, token };
    config.current_profile ??= SANDBOX_PROFILE;
  });
  // Another sandbox (another data directory) was the profile's: commands that use it go here from now on.
  if (before !== undefined && before !== url) ctx.out.info(`profile '${SANDBOX_PROFILE}' now points at ${url} (it pointed at ${before})`);
}

/** Resolves on Ctrl-C or SIGTERM: stopping a server that way is success, not an interruption. */
function untilStopped(ctx: Context): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      offTerm();
      ctx.signal.removeEventListener('abort', done);
      resolve();
    };
    const offTerm = ctx.host.onSignal('SIGTERM', done);
    ctx.signal.addEventListener('abort', done, { once: true });
  });
}

async function stop(ctx: Context, flags: { data?: string }): Promise<void> {
  const { defaultDataDir } = await import('../../sandbox/paths.js');
  const { stopSandbox } = await import('../../sandbox/daemon.js');
  const dataDir = flags.data ?? defaultDataDir();
  ctx.out.willShow(fieldsView(['stopped', 'pid', 'data_dir']));
  const result = await stopSandbox(dataDir);
  ctx.out.info(result.stopped ? `stopped the sandbox (pid ${result.pid}) serving ${dataDir}` : `no sandbox serves ${dataDir}`);
  await ctx.out.data({ stopped: result.stopped, pid: result.pid ?? null, data_dir: dataDir }, () => '');
}

async function status(ctx: Context, flags: { data?: string }): Promise<void> {
  const { defaultDataDir } = await import('../../sandbox/paths.js');
  const { sandboxStatus } = await import('../../sandbox/daemon.js');
  const dataDir = flags.data ?? defaultDataDir();
  ctx.out.willShow(sandboxStatusView);
  const found = await sandboxStatus(dataDir);
  await ctx.out.item(sandboxStatusView, found);
  // A script asks `if fas sandbox status; then`: none running is a failure to reach one.
  if (!found.running) throw new NetworkError(`no sandbox serves ${dataDir}`, { hint: `start one with: fas sandbox start --detach${flags.data ? ` --data ${dataDir}` : ''}` });
}
