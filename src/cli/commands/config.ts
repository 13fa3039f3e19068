import type { Command } from 'commander';
import { FasClient } from '../../client/client.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { checkProfileName, PROFILE_KEYS, readConfig, updateConfig, type Profile, type ProfileKey } from '../config-store.js';
import type { Context } from '../context.js';
import { parseDuration, parseInteger } from '../parse.js';
import type { Runner } from '../program.js';
import { readSecret } from '../prompt.js';

export function registerConfig(program: Command, run: Runner): void {
  program
    .command('login')
    .description('store an API token in the current profile (read from stdin when it is not a terminal)')
    .action(run(login));

  const config = program.command('config').description("read and change the current profile's settings");
  config.command('list').description('show every setting and where it comes from').action(run(list));
  config.command('get').description('print one setting').argument('<key>', PROFILE_KEYS.join(', ')).action(run(get));
  config
    .command('set')
    .description('change a setting of the current profile')
    .argument('<key>', PROFILE_KEYS.filter((k) => k !== 'token').join(', '))
    .argument('<value>')
    .action(run(set));

  const profiles = program.command('profiles').description('named sets of settings, one per API and account');
  profiles.command('list').alias('ls').description('list profiles (* marks the current one)').action(run(listProfiles));
  profiles.command('use').description('make a profile the current one').argument('<name>').action(run(useProfile));
  profiles.command('delete').alias('rm').description('delete a profile and its token').argument('<name>').action(run(deleteProfile));
}

async function login(ctx: Context): Promise<void> {
  const token = await readSecret('API token: ');
  if (!token) throw new UsageError('no token given');
  if (/\s/.test(token)) throw new UsageError('the token must not contain spaces or line breaks');
  const { settings } = ctx;
  // Check the token before storing it, so a typo is caught now and not by the next command.
  const client = new FasClient({
    apiUrl: settings.apiUrl,
    token,
    retries: settings.retries,
    requestTimeoutMs: settings.requestTimeoutMs,
    insecure: settings.insecure,
  });
  try {
    await client.spots.list({ perPage: 1, signal: ctx.signal });
  } finally {
    await client.close();
  }
  await updateConfig((config) => {
    const profiles = (config.profiles ??= {});
    profiles[settings.profile] = { ...profiles[settings.profile], api_url: settings.apiUrl, token };
    config.current_profile ??= settings.profile;
  });
  ctx.out.info(`logged in to ${settings.apiUrl}; token saved in profile '${settings.profile}'`);
}

function display(key: ProfileKey, value: unknown): string {
  if (key === 'token') return value ? '(set)' : '(not set)';
  return value === undefined ? '' : String(value);
}

function effective(ctx: Context): Record<ProfileKey, unknown> {
  const s = ctx.settings;
  return { api_url: s.apiUrl, token: s.token, output: s.output, retries: s.retries, request_timeout: `${s.requestTimeoutMs / 1000}s` };
}

function checkKey(key: string): ProfileKey {
  if (!(PROFILE_KEYS as readonly string[]).includes(key)) {
    throw new UsageError(`unknown setting '${key}': expected one of ${PROFILE_KEYS.join(', ')}`);
  }
  return key as ProfileKey;
}

async function list(ctx: Context): Promise<void> {
  const values = effective(ctx);
  const rows = PROFILE_KEYS.map((key) => ({ key, value: display(key, values[key]), source: ctx.settings.sources[key] }));
  await ctx.out.data({ profile: ctx.settings.profile, settings: rows }, async () => {
    await ctx.out.table(['KEY', 'VALUE', 'FROM'], rows.map((r) => [r.key, r.value, r.source]));
    return `profile: ${ctx.settings.profile}`;
  });
}

async function get(ctx: Context, key: string): Promise<void> {
  const k = checkKey(key);
  const value = display(k, effective(ctx)[k]);
  await ctx.out.data({ key: k, value, source: ctx.settings.sources[k] }, () => value);
}

async function set(ctx: Context, key: string, value: string): Promise<void> {
  const k = checkKey(key);
  const patch: Profile = {};
  switch (k) {
    case 'token':
      throw new UsageError('tokens are not set this way, so they stay out of shell history', { hint: 'fas login' });
    case 'api_url':
      try {
        new URL(value);
      } catch {
        throw new UsageError(`invalid api_url '${value}': expected e.g. https://api.example.com`);
      }
      patch.api_url = value.replace(/\/+$/, '');
      break;
    case 'output':
      if (value !== 'table' && value !== 'json') throw new UsageError(`invalid output '${value}': expected table or json`);
      patch.output = value;
      break;
    case 'retries':
      patch.retries = parseInteger(value, 'retries', { max: 20 });
      break;
    case 'request_timeout':
      if (parseDuration(value, 'request_timeout') <= 0) throw new UsageError('invalid request_timeout: must be longer than zero');
      patch.request_timeout = value;
      break;
  }
  const profile = ctx.settings.profile;
  await updateConfig((config) => {
    const profiles = (config.profiles ??= {});
    profiles[profile] = { ...profiles[profile], ...patch };
  });
  ctx.out.info(`set ${k} in profile '${profile}'`);
}

async function listProfiles(ctx: Context): Promise<void> {
  const config = readConfig();
  const rows = Object.entries(config.profiles ?? {}).map(([name, p]) => ({
    name,
    current: name === ctx.settings.profile,
    api_url: p.api_url ?? null,
    token_set: Boolean(p.token),
  }));
  if (ctx.out.format === 'json') return ctx.out.json(rows);
  if (ctx.out.quiet) return ctx.out.lines(rows.map((r) => r.name));
  if (rows.length === 0) return ctx.out.info('no profiles yet: run fas login, or fas sandbox start');
  await ctx.out.table(
    ['', 'NAME', 'API URL', 'TOKEN'],
    rows.map((r) => [r.current ? '*' : '', r.name, r.api_url ?? '-', r.token_set ? 'set' : 'not set']),
  );
}

async function useProfile(ctx: Context, name: string): Promise<void> {
  checkProfileName(name);
  await updateConfig((config) => {
    if (!config.profiles?.[name]) throw new NotFoundError(`no profile named '${name}'`, { hint: 'fas profiles list' });
    config.current_profile = name;
  });
  ctx.out.info(`now using profile '${name}'`);
}

async function deleteProfile(ctx: Context, name: string): Promise<void> {
  checkProfileName(name);
  await updateConfig((config) => {
    if (!config.profiles?.[name]) throw new NotFoundError(`no profile named '${name}'`, { hint: 'fas profiles list' });
    delete config.profiles[name];
    if (config.current_profile === name) delete config.current_profile;
  });
  ctx.out.info(`deleted profile '${name}'`);
}
