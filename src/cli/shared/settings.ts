// Which API, token and preferences a command runs with. Each setting comes
// from the first of: flag, environment, the profile in the config file,
// the default. The config file is read only when a flag or variable left a
// setting open.
import { closestWord } from '../suggest.js';
import { trimToken } from './token.js';
import { ConfigError, UsageError } from '../../errors.js';
import { checkProfileName, ConfigFile, type Config, type Profile } from './config-store.js';
import { OUTPUT_FORMATS, type GlobalFlags } from './global-options.js';

export type { GlobalFlags };
import type { Env } from './io.js';
import { parseInteger, parsePositiveDuration } from './parse.js';

export const DEFAULT_API_URL = 'http://127.0.0.1:7878';
export const DEFAULT_PROFILE = 'default';

/** What -o takes (and FAS_OUTPUT, and the profile's `output`). */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

// A setting's value, checked the same way wherever it comes from (flag,
// variable, profile, `fas config set`); `label` names that place.
export function parseOutput(value: string, label: string): OutputFormat {
  if ((OUTPUT_FORMATS as readonly string[]).includes(value)) return value as OutputFormat;
  const meant = closestWord(value, OUTPUT_FORMATS);
  throw new UsageError(`invalid ${label} '${value}': expected ${OUTPUT_FORMATS.slice(0, -1).join(', ')} or ${OUTPUT_FORMATS.at(-1)}${meant ? ` (did you mean ${meant}?)` : ''}`);
}
export function parseRetries(value: string, label: string): number {
  return parseInteger(value, label, { max: 20 });
}
export function parseRequestTimeout(value: string, label: string): number {
  return parsePositiveDuration(value, label);
}

export type Source = 'flag' | 'env' | 'profile' | 'default';


export interface Settings {
  profile: string;
  apiUrl: string;
  token: string | undefined;
  output: OutputFormat;
  /** --columns: the column keys asked for, in order (checked against a view when it prints). */
  columns: string[] | undefined;
  /** False with --no-header. */
  header: boolean;
  /** --query: a JMESPath expression over the JSON that would be printed. */
  query: string | undefined;
  retries: number;
  requestTimeoutMs: number;
  insecure: boolean;
  quiet: boolean;
  debug: boolean;
  color: boolean;
  /** Where each setting came from, for `fas config list`. */
  sources: Record<'profile' | 'api_url' | 'token' | 'output' | 'retries' | 'request_timeout', Source>;
}

const ENV = {
  api_url: 'FAS_API_URL',
  token: 'FAS_TOKEN',
  profile: 'FAS_PROFILE',
  output: 'FAS_OUTPUT',
  retries: 'FAS_RETRIES',
  request_timeout: 'FAS_REQUEST_TIMEOUT',
} as const;

export function resolveSettings(flags: GlobalFlags, env: Env, configFile: ConfigFile = new ConfigFile(env)): Settings {
  let config: Config | undefined;
  const file = () => (config ??= configFile.read());
  const sources = {} as Settings['sources'];

  const pick = <K extends keyof Settings['sources']>(
    key: K,
    flag: string | undefined,
    fromProfile: () => string | number | undefined,
    fallback: string | number | undefined,
  ): string | undefined => {
    const envValue = env[ENV[key]] || undefined;
    const [value, source]: [string | number | undefined, Source] =
      flag !== undefined ? [flag, 'flag'] : envValue !== undefined ? [envValue, 'env'] : profileValue(fromProfile) ?? [fallback, 'default'];
    sources[key] = source;
    return value === undefined ? undefined : String(value);
  };
  const profileValue = (get: () => string | number | undefined): [string | number, Source] | undefined => {
    const v = get();
    return v === undefined ? undefined : [v, 'profile'];
  };

  // A bad value is named as the user gave it: the flag, the variable, or the key
  // in the config file. From the file it is the file that needs fixing (exit 1).
  let profileName = DEFAULT_PROFILE;
  const checked = <T>(key: keyof Settings['sources'], flag: string, parse: (label: string) => T): T => {
    const source = sources[key];
    try {
      return parse(source === 'env' ? ENV[key] : source === 'profile' ? key : flag);
    } catch (err) {
      if (source !== 'profile' || !(err instanceof UsageError)) throw err;
      const where = key === 'profile' ? `current_profile in ${configFile.path}` : `profile '${profileName}' in ${configFile.path}`;
      throw new ConfigError(`${err.message} (${where})`, {
        hint: key === 'profile' ? 'fas profiles use NAME' : `fas config set ${key} VALUE, or fix the file by hand`,
      });
    }
  };

  const requestedProfile = pick('profile', flags.profile, () => file().current_profile, DEFAULT_PROFILE)!;
  profileName = checked('profile', '--profile', () => checkProfileName(requestedProfile));
  const profile = (): Profile => file().profiles?.[profileName] ?? {};

  const apiUrl = pick('api_url', flags.apiUrl, () => profile().api_url, DEFAULT_API_URL)!;
  // Flags and variables are checked, with the same words, when the client is made.
  if (sources.api_url === 'profile' && !URL.canParse(apiUrl)) {
    checked('api_url', '--api-url', (label) => {
      throw new UsageError(`invalid ${label} '${apiUrl}': expected e.g. https://api.example.com`);
    });
  }
  const token = trimToken(pick('token', flags.token, () => profile().token, undefined));
  const outputValue = pick('output', flags.json ? 'json' : flags.output, () => profile().output, 'table')!;
  const output = checked('output', '--output', (label) => parseOutput(outputValue, label));
  const retriesValue = pick('retries', flags.retries, () => profile().retries, 5)!;
  const retries = checked('retries', '--retries', (label) => parseRetries(retriesValue, label));
  const timeoutValue = pick('request_timeout', flags.requestTimeout, () => profile().request_timeout, '30s')!;
  const requestTimeoutMs = checked('request_timeout', '--request-timeout', (label) => parseRequestTimeout(timeoutValue, label));

  return {
    profile: profileName,
    apiUrl,
    token,
    output,
    columns: flags.columns === undefined ? undefined : parseColumns(flags.columns),
    header: flags.header ?? true,
    query: flags.query,
    retries,
    requestTimeoutMs,
    insecure: flags.insecure ?? false,
    quiet: flags.quiet ?? false,
    debug: flags.debug ?? false,
    color: colorWanted(flags, env),
    sources,
  };
}

/** `id, ip,state` as ['id', 'ip', 'state']: spaces around the commas are allowed. */
function parseColumns(value: string): string[] {
  const names = value.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) {
    throw new UsageError(`invalid --columns '${value}': expected column names separated by commas, e.g. id,ip,state`);
  }
  return names;
}

/** Colour unless --no-color, NO_COLOR set (to anything but nothing), or a dumb terminal. */
function colorWanted(flags: GlobalFlags, env: Env): boolean {
  if (flags.color === false) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}
