import { isLoopback, parseApiUrl } from '../../client/api-url.js';
import { AuthError, NotFoundError, UsageError } from '../../errors.js';
import { checkProfileName, PROFILE_KEYS, type Config, type Profile, type ProfileKey } from '../shared/config-store.js';
import type { Context } from '../shared/context.js';
import { profileView, settingView, type ProfileRow, type SettingRow } from './views.js';
import { readSecret } from '../shared/prompt.js';
import { parseOutput, parseRequestTimeout, parseRetries } from '../shared/settings.js';

export async function login(ctx: Context): Promise<void> {
  const token = await readSecret(ctx.io, 'API token: ');
  if (!token) throw new UsageError('no token given');
  if (/\s/.test(token)) throw new UsageError('the token must not contain spaces or line breaks');
  const { settings } = ctx;
  // Check the token before storing it, so a typo is caught now and not by the next command.
  await ctx.client({ token }).spots.list({ perPage: 1 }, { signal: ctx.signal }).catch((err: unknown) => {
    if (err instanceof AuthError) err.hint = loginRefused(settings.apiUrl);
    throw err;
  });
  await ctx.config.update((config) => {
    const profiles = (config.profiles ??= {});
    profiles[settings.profile] = { ...profiles[settings.profile], api_url: settings.apiUrl, token };
    config.current_profile ??= settings.profile;
  });
  ctx.out.info(`logged in to ${settings.apiUrl}; token saved in profile '${settings.profile}'`);
}

/**
 * What to do when the API refused the token just typed: not "fas login" again
 * with the same, but which token and which API. A sandbox's token is its own,
 * in its data directory.
 */
function loginRefused(apiUrl: string): string {
  return isLoopback(new URL(apiUrl).hostname)
    ? `the sandbox at ${apiUrl} takes only its own token, in the file token of its data directory (fas sandbox start saves it as the profile 'sandbox')`
    : `the API at ${apiUrl} refused it: paste the whole token again, or log in to another API with --api-url`;
}

/** Every setting in effect, as shown: the token only as whether it is set. */
function settingRow(ctx: Context, key: ProfileKey): SettingRow {
  const s = ctx.settings;
  const values: Record<ProfileKey, unknown> = {
    api_url: s.apiUrl,
    token: s.token,
    output: s.output,
    retries: s.retries,
    request_timeout: `${s.requestTimeoutMs / 1000}s`,
  };
  const value = values[key];
  const shown = key === 'token' ? (value ? '(set)' : '(not set)') : value === undefined ? '' : String(value);
  return { key, value: shown, source: s.sources[key] };
}

function checkKey(key: string): ProfileKey {
  if (!(PROFILE_KEYS as readonly string[]).includes(key)) {
    throw new UsageError(`unknown setting '${key}': expected one of ${PROFILE_KEYS.join(', ')}`);
  }
  return key as ProfileKey;
}

export async function list(ctx: Context): Promise<void> {
  const rows = PROFILE_KEYS.map((key) => settingRow(ctx, key));
  const profile = ctx.settings.profile;
  await ctx.out.list(settingView, rows, { json: { profile, settings: rows }, footer: `profile: ${profile}` });
}

export async function get(ctx: Context, key: string): Promise<void> {
  await ctx.out.item(settingView, settingRow(ctx, checkKey(key)));
}

/**
 * Each value is checked as its flag's would be when used, with the same
 * words, so that a bad one is refused now rather than by every later command.
 */
export async function set(ctx: Context, key: string, value: string): Promise<void> {
  const k = checkKey(key);
  const patch: Profile = {};
  switch (k) {
    case 'token':
      throw new UsageError('tokens are not set this way, so they stay out of shell history', { hint: 'fas login' });
    case 'api_url':
      // As the client takes it (--api-url, FAS_API_URL): http(s), no credentials, the API's base and not one of its routes.
      parseApiUrl(value, ctx.settings.insecure);
      patch.api_url = value.replace(/\/+$/, '');
      break;
    case 'output':
      patch.output = parseOutput(value, 'output');
      break;
    case 'retries':
      patch.retries = parseRetries(value, 'retries');
      break;
    case 'request_timeout':
      parseRequestTimeout(value, 'request_timeout');
      patch.request_timeout = value;
      break;
  }
  const profile = ctx.settings.profile;
  await ctx.config.update((config) => {
    const profiles = (config.profiles ??= {});
    profiles[profile] = { ...profiles[profile], ...patch };
  });
  ctx.out.info(`set ${k} in profile '${profile}'`);
}

export async function unset(ctx: Context, key: string): Promise<void> {
  const k = checkKey(key);
  if (k === 'token') throw new UsageError('a token is forgotten with fas logout', { hint: 'fas logout' });
  const profile = ctx.settings.profile;
  // Written only when the setting is there: unsetting what is not set makes no config file.
  const had = ctx.config.read().profiles?.[profile]?.[k] !== undefined;
  if (had) {
    await ctx.config.update((config) => {
      const p = config.profiles?.[profile];
      if (p) delete p[k];
    });
  }
  ctx.out.info(had ? `unset ${k} in profile '${profile}'` : `${k} is not set in profile '${profile}'; nothing to unset`);
}

export async function listProfiles(ctx: Context): Promise<void> {
  const rows: ProfileRow[] = Object.entries(ctx.config.read().profiles ?? {}).map(([name, p]) => ({
    name,
    current: name === ctx.settings.profile,
    api_url: p.api_url ?? null,
    token_set: Boolean(p.token),
  }));
  await ctx.out.list(profileView, rows, { empty: 'no profiles yet: run fas login, or fas sandbox start' });
}

/** Changes the config's profiles under its lock; a profile that is not there is NotFoundError. */
async function withProfile(ctx: Context, name: string, change: (config: Config & { profiles: Record<string, Profile> }) => void): Promise<void> {
  checkProfileName(name);
  await ctx.config.update((config) => {
    if (!config.profiles?.[name]) throw new NotFoundError(`no profile named '${name}'`, { hint: 'fas profiles list' });
    change(config as Config & { profiles: Record<string, Profile> });
  });
}

export async function useProfile(ctx: Context, name: string): Promise<void> {
  await withProfile(ctx, name, (config) => (config.current_profile = name));
  ctx.out.info(`now using profile '${name}'`);
}

export async function deleteProfile(ctx: Context, name: string): Promise<void> {
  await withProfile(ctx, name, (config) => {
    delete config.profiles[name];
    if (config.current_profile === name) delete config.current_profile;
  });
  ctx.out.info(`deleted profile '${name}'`);
}
