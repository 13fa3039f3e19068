// Where fas stands: `fas status` (which profile, API and token, whether the
// API answers and takes the token, whether the local sandbox runs), `fas
// logout`, and `fas version` for bug reports.
import { isLoopback } from '../../client/api-url.js';
import type { FasClient } from '../../client/client.js';
import { AuthError, FasError, NetworkError } from '../../errors.js';
import type { Context } from '../shared/context.js';
import { startSandboxCommand } from '../shared/hints.js';
import { fieldsView } from '../output/view.js';
import { settingSource, statusView, versionView, type StatusReport } from './views.js';

/**
 * Prints where fas stands, then fails as the first thing that is wrong
 * would: exit 1 when the API cannot be reached (or answers amiss), 3 when it
 * refuses the token or there is none; 0 when it takes the token.
 */
export async function status(ctx: Context): Promise<void> {
  const s = ctx.settings;
  ctx.out.willShow(statusView);
  // One attempt each: a status that retried for a minute would hide what it is asked to tell.
  const client = ctx.client({ token: s.token ?? '', retries: 0 });
  const found: StatusReport = {
    profile: { name: s.profile, from: s.sources.profile },
    api_url: { value: client.apiUrl, from: s.sources.api_url },
    token: { set: s.token !== undefined, from: s.token === undefined ? null : s.sources.token, accepted: null },
    api: { reachable: false, round_trip_ms: null, error: null },
    sandbox: null,
  };
  const failure = await checkApi(ctx, client, found);
  if (isLoopback(new URL(client.apiUrl).hostname)) {
    found.sandbox = await localSandbox(ctx, client, found.api.reachable);
    if (failure instanceof NetworkError) failure.hint = unreachedSandbox(client.apiUrl, found.sandbox);
  }
  await ctx.out.item(statusView, found);
  if (failure) throw failure;
  if (!s.token) throw new AuthError(`no API token for profile '${s.profile}'`, { code: 'no_token' });
  if (!found.token.accepted) {
    const from = settingSource('token', s.sources.token, s.profile);
    throw new AuthError(`the API at ${client.apiUrl} refused the token (from ${from})`, { code: 'token_rejected' });
  }
}

/** Fills in `found.api` and `found.token.accepted`; returns the failure to end with, if the API is amiss. */
async function checkApi(ctx: Context, client: FasClient, found: StatusReport): Promise<FasError | undefined> {
  const ask = () => client.spots.list({ perPage: 1 }, { signal: ctx.signal });
  try {
    await ask();
    found.token.accepted = found.token.set;
  } catch (err) {
    if (!(err instanceof FasError)) throw err;
    if (err instanceof AuthError) {
      // It answered: reachable. Without a token, a refusal says nothing of one.
      if (found.token.set) found.token.accepted = false;
    } else {
      found.api.error = err.message;
      if (err instanceof NetworkError) return err;
      found.api.reachable = true;
      return err;
    }
  }
  found.api.reachable = true;
  // Timed on the connection the first request opened: the round trip, not the set-up.
  const started = performance.now();
  await ask().catch(() => {});
  found.api.round_trip_ms = Math.max(1, Math.round(performance.now() - started));
  return undefined;
}

/**
 * A sandbox answering at the (loopback) API URL: its data directory from its
 * health check, else from the default one's record. When nothing answers
 * there, the sandbox of the default data directory, if one runs elsewhere.
 */
async function localSandbox(ctx: Context, client: FasClient, reachable: boolean): Promise<NonNullable<StatusReport['sandbox']>> {
  const none = { running: false, pid: null, data_dir: null, url: null };
  const { defaultDataDir } = await import('../../sandbox/paths.js');
  const daemon = await import('../../sandbox/daemon.js');
  const dataDir = defaultDataDir(ctx.env);
  if (!reachable) {
    const serving = await daemon.servingSandbox(dataDir);
    return serving ? { running: true, pid: serving.pid, data_dir: dataDir, url: serving.url } : none;
  }
  const url = client.apiUrl;
  try {
    const health = await client.sandbox.health({ signal: ctx.signal });
    if (health.pid !== undefined && health.data_dir !== undefined) return { running: true, pid: health.pid, data_dir: health.data_dir, url };
  } catch {
    // Something else answers there: no sandbox.
    return none;
  }
  // Without its token it says only that it is up: the default data directory may say where it keeps its data.
  const state = daemon.readState(dataDir);
  return state?.url === url ? { running: true, pid: state.pid, data_dir: dataDir, url } : { running: true, pid: null, data_dir: null, url };
}

/** What to do when nothing answers at a loopback API URL: the sandbox found elsewhere, or the command that starts one there. */
function unreachedSandbox(apiUrl: string, sandbox: NonNullable<StatusReport['sandbox']>): string {
  if (sandbox.running && sandbox.url !== null) return `the sandbox of ${sandbox.data_dir} runs at ${sandbox.url}: use it with --api-url ${sandbox.url}, or fas config set api_url ${sandbox.url}`;
  return `no sandbox runs there; start one with: ${startSandboxCommand(apiUrl)}`;
}

/** Forgets the profile's token and keeps its other settings; nothing to forget is no failure. */
export async function logout(ctx: Context): Promise<void> {
  const profile = ctx.settings.profile;
  ctx.out.willShow(fieldsView(['profile', 'forgot']));
  const found = ctx.config.read().profiles?.[profile];
  let exists = found !== undefined;
  let had = false;
  // Written only when there is a token to forget: a logout never makes a config file.
  if (found?.token !== undefined) {
    await ctx.config.update((config) => {
      const p = config.profiles?.[profile];
      exists = p !== undefined;
      had = p?.token !== undefined;
      if (p) delete p.token;
    });
  }
  ctx.out.info(
    had
      ? `forgot the token of profile '${profile}'; its other settings stay`
      : exists
        ? `profile '${profile}' has no token; nothing to forget`
        : `there is no profile '${profile}'; nothing to forget`,
  );
  if (ctx.settings.sources.token === 'env') ctx.out.warn('FAS_TOKEN is set: fas uses it until you unset it');
  await ctx.out.data({ profile, forgot: had });
}

/** What a bug report needs: fas, Node.js and the system they run on. */
export async function version(ctx: Context): Promise<void> {
  const { platform, release, arch } = ctx.host.system;
  await ctx.out.item(versionView, { fas: FAS_VERSION, node: ctx.host.nodeVersion, platform, release, arch });
}

// config and profiles (and login, which stores a token in a profile) are in config.ts.
export * from './config.js';
