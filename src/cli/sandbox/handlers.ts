// The sandbox group's handlers: start (in the foreground, or detached), stop
// and status; price and clock controls are in controls.ts. The server itself
// loads only when a sandbox starts here.
import { NetworkError, UsageError } from '../../errors.js';
import type { Context } from '../shared/context.js';
import { fieldsView } from '../output/view.js';
import { sandboxStatusView } from './views.js';
import { parseFraction, parseInteger } from '../shared/parse.js';
import type { StartFlags, StatusFlags, StopFlags } from './commands.js';

export { advanceClock, resetPrice, setPrice } from './controls.js';

export const SANDBOX_PROFILE = 'sandbox';

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

export async function start(ctx: Context, flags: StartFlags): Promise<void> {
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

export async function stop(ctx: Context, flags: StopFlags): Promise<void> {
  const { defaultDataDir } = await import('../../sandbox/paths.js');
  const { stopSandbox } = await import('../../sandbox/daemon.js');
  const dataDir = flags.data ?? defaultDataDir();
  ctx.out.willShow(fieldsView(['stopped', 'pid', 'data_dir']));
  const result = await stopSandbox(dataDir);
  ctx.out.info(result.stopped ? `stopped the sandbox (pid ${result.pid}) serving ${dataDir}` : `no sandbox serves ${dataDir}`);
  await ctx.out.data({ stopped: result.stopped, pid: result.pid ?? null, data_dir: dataDir }, () => '');
}

export async function status(ctx: Context, flags: StatusFlags): Promise<void> {
  const { defaultDataDir } = await import('../../sandbox/paths.js');
  const { sandboxStatus } = await import('../../sandbox/daemon.js');
  const dataDir = flags.data ?? defaultDataDir();
  ctx.out.willShow(sandboxStatusView);
  const found = await sandboxStatus(dataDir);
  await ctx.out.item(sandboxStatusView, found);
  // A script asks `if fas sandbox status; then`: none running is a failure to reach one.
  if (!found.running) throw new NetworkError(`no sandbox serves ${dataDir}`, { hint: `start one with: fas sandbox start --detach${flags.data ? ` --data ${dataDir}` : ''}` });
}
