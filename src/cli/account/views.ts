// How the settings read for people: profiles, settings and where each came
// from, what `fas status` found, and `fas version`.
import type { Source } from '../shared/settings.js';
import type { View } from '../output/view.js';

/** A profile of the config file; `current` marks the one in use. */
export interface ProfileRow {
  name: string;
  current: boolean;
  api_url: string | null;
  token_set: boolean;
}

export const profileView: View<ProfileRow> = {
  id: (p) => p.name,
  columns: [
    { key: 'current', header: 'CURRENT', value: (p) => (p.current ? '*' : ''), exact: (p) => p.current },
    { key: 'name', header: 'NAME', value: (p) => p.name, shrinkable: true },
    { key: 'api_url', header: 'API_URL', value: (p) => p.api_url ?? '-', exact: (p) => p.api_url, shrinkable: true },
    { key: 'token', header: 'TOKEN', value: (p) => (p.token_set ? 'set' : 'not set'), exact: (p) => p.token_set },
  ],
};

/** A setting in effect and where it came from; one alone (`config get`) reads as its value. */
export interface SettingRow {
  key: string;
  value: string;
  source: string;
}

export const settingView: View<SettingRow> = {
  columns: [
    { key: 'key', header: 'KEY', value: (s) => s.key },
    { key: 'value', header: 'VALUE', value: (s) => s.value, shrinkable: true },
    { key: 'source', header: 'SOURCE', value: (s) => s.source },
  ],
  line: (s) => s.value,
};

/** What `fas status` found: each setting with where it came from, the API, the token, and a local sandbox. */
export interface StatusReport {
  profile: { name: string; from: Source };
  api_url: { value: string; from: Source };
  /** `accepted`: null when there is none, or the API could not be asked. */
  token: { set: boolean; from: Source | null; accepted: boolean | null };
  /** `error`: why it could not be reached, or what it answered amiss. */
  api: { reachable: boolean; round_trip_ms: number | null; error: string | null };
  /**
   * For an API URL on loopback (a sandbox's); null otherwise. `url`: where it
   * answers, which is not the API URL when the one found is the sandbox of
   * the default data directory, running elsewhere.
   */
  sandbox: { running: boolean; pid: number | null; data_dir: string | null; url: string | null } | null;
}

/** Where a setting came from, in words: `--token`, `FAS_TOKEN`, `profile 'ci'`. */
export function settingSource(key: 'profile' | 'api_url' | 'token', from: Source, profile: string): string {
  return FROM[key][from](profile);
}

const FROM: Record<'profile' | 'api_url' | 'token', Record<Source, (profile: string) => string>> = {
  profile: { flag: () => '--profile', env: () => 'FAS_PROFILE', profile: () => "the config file's current profile", default: () => 'the default' },
  api_url: { flag: () => '--api-url', env: () => 'FAS_API_URL', profile: (p) => `profile '${p}'`, default: () => 'the default' },
  token: { flag: () => '--token', env: () => 'FAS_TOKEN', profile: (p) => `profile '${p}'`, default: () => 'the default' },
};

export const statusView: View<StatusReport> = {
  columns: [
    // csv gets each one's value as the JSON has it: the name, the URL, and whether the token was accepted, the API reached, the sandbox running.
    { key: 'profile', header: 'Profile', value: (r) => `${r.profile.name} (from ${FROM.profile[r.profile.from](r.profile.name)})`, exact: (r) => r.profile.name },
    { key: 'api_url', header: 'API URL', value: (r) => `${r.api_url.value} (from ${FROM.api_url[r.api_url.from](r.profile.name)})`, exact: (r) => r.api_url.value },
    {
      key: 'token',
      header: 'Token',
      exact: (r) => r.token.accepted,
      value: (r) => {
        const { set, from, accepted } = r.token;
        if (!set || from === null) return { text: 'none', style: 'red' };
        const where = `(from ${FROM.token[from](r.profile.name)})`;
        if (accepted === null) return `not checked ${where}`;
        return accepted ? { text: `accepted ${where}`, style: 'green' } : { text: `refused ${where}`, style: 'red' };
      },
    },
    {
      key: 'api',
      header: 'API',
      exact: (r) => r.api.reachable,
      value: ({ api }) => {
        if (!api.reachable) return { text: `unreachable: ${api.error ?? 'no answer'}`, style: 'red' };
        if (api.error !== null) return { text: `answers amiss: ${api.error}`, style: 'red' };
        return api.round_trip_ms === null ? 'reachable' : `reachable, ${api.round_trip_ms} ms round trip`;
      },
    },
    {
      key: 'sandbox',
      header: 'Sandbox',
      exact: (r) => r.sandbox?.running ?? null,
      value: ({ sandbox, api_url }) => {
        if (sandbox === null) return '- (the API URL is not on this machine)';
        if (!sandbox.running) return { text: 'not running', style: 'red' };
        if (sandbox.url !== null && sandbox.url !== api_url.value) {
          return { text: `not at the API URL; one runs at ${sandbox.url} (pid ${sandbox.pid ?? '?'}, data in ${sandbox.data_dir})`, style: 'red' };
        }
        if (sandbox.data_dir === null) return 'running (its data directory is not known)';
        return `running (pid ${sandbox.pid ?? '?'}, data in ${sandbox.data_dir})`;
      },
    },
  ],
};

/** `fas version`: what a bug report needs. */
export interface VersionInfo {
  fas: string;
  node: string;
  platform: string;
  release: string;
  arch: string;
}

export const versionView: View<VersionInfo> = {
  columns: [
    { key: 'fas', header: 'fas', value: (v) => v.fas },
    { key: 'node', header: 'Node.js', value: (v) => v.node },
    { key: 'platform', header: 'platform', value: (v) => v.platform },
    { key: 'release', header: 'release', value: (v) => v.release },
    { key: 'arch', header: 'arch', value: (v) => v.arch },
  ],
  line: (v) => `fas ${v.fas}\nNode.js v${v.node}\n${v.platform} ${v.release} ${v.arch}`,
};
