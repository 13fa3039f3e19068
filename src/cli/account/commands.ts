import { PROFILE_KEYS } from '../shared/config-store.js';
import { lazy, type Group, type HandlerOf, type Runner } from '../handler.js';

/** The keys `config set` and `unset` take: the token has login and logout. */
const SETTABLE_KEYS = PROFILE_KEYS.filter((k) => k !== 'token');

/** What each command's handler takes (handlers.ts), as its definition says. */
export interface AccountHandlers {
  login: HandlerOf<typeof login>;
  logout: HandlerOf<typeof logout>;
  status: HandlerOf<typeof status>;
  version: HandlerOf<typeof version>;
  list: HandlerOf<typeof list>;
  get: HandlerOf<typeof get>;
  set: HandlerOf<typeof set>;
  unset: HandlerOf<typeof unset>;
  listProfiles: HandlerOf<typeof listProfiles>;
  useProfile: HandlerOf<typeof useProfile>;
  deleteProfile: HandlerOf<typeof deleteProfile>;
}

/** login, logout, status, version, config and profiles: none takes options of its own. */
export function registerAccount(program: Group, run: Runner, load: () => Promise<AccountHandlers>): void {
  const handler = <K extends keyof AccountHandlers & string>(name: K) => lazy(load, name);
  login(program).action(run(handler('login')));
  logout(program).action(run(handler('logout')));
  status(program).action(run(handler('status')));
  version(program).action(run(handler('version')));

  const config = program
    .command('config')
    .description("read and change the current profile's settings")
    .examples([
      ['fas config list', 'every setting and where it comes from'],
      ['fas config set output json', 'print JSON unless a command says otherwise'],
    ]);
  list(config).action(run(handler('list')));
  get(config).action(run(handler('get')));
  set(config).action(run(handler('set')));
  unset(config).action(run(handler('unset')));

  const profiles = program
    .command('profiles')
    .description('named sets of settings, one per API and account')
    .examples([
      ['fas profiles list', '* marks the current one'],
      ['fas profiles use prod', 'make prod the current one'],
    ]);
  listProfiles(profiles).action(run(handler('listProfiles')));
  useProfile(profiles).action(run(handler('useProfile')));
  deleteProfile(profiles).action(run(handler('deleteProfile')));
}

const login = (program: Group) =>
  program
    .command('login')
    .description('store an API token in the current profile (read from stdin when it is not a terminal)')
    .examples([
      ['fas login', 'asks for the token without echoing it'],
      ['echo "$TOKEN" | fas login --api-url https://api.example.com --profile prod', 'a profile of its own'],
    ]);

const logout = (program: Group) =>
  program
    .command('logout')
    .description("forget the current profile's token (--profile names another); its other settings stay")
    .examples([
      ['fas logout', "forget the current profile's token"],
      ['fas logout --profile prod', "forget prod's token; its API URL stays"],
    ]);

const status = (program: Group) =>
  program
    .command('status')
    .description('the profile, API URL and token in use and where each comes from; whether the API answers and takes the token (exit 3 if not, 1 if unreachable)')
    .examples([
      ['fas status', 'which API and token fas would use, and whether they work'],
      ['fas status --profile prod --json', 'the same for another profile, as JSON'],
      ['fas status > /dev/null || fas login', 'in a script: log in when the token is refused'],
    ]);

const version = (program: Group) =>
  program
    .command('version')
    .description('fas, Node.js and system versions, for a bug report')
    .examples([
      ['fas version', 'the versions, one a line'],
      ['fas version --json', 'the same as JSON, to paste into a report'],
    ]);

const list = (config: Group) =>
  config
    .command('list')
    .description('show every setting and where it comes from')
    .examples([
      ['fas config list', 'flag, environment, profile or default, for each'],
      ['fas config list --profile prod', "another profile's settings"],
    ]);

const get = (config: Group) =>
  config
    .command('get')
    .description('print one setting')
    .argument('<key>', PROFILE_KEYS.join(', '))
    .completes({ key: PROFILE_KEYS })
    .examples([
      ['fas config get api_url', 'the API this profile talks to'],
      ['fas --profile prod config get output', "another profile's setting"],
    ]);

const set = (config: Group) =>
  config
    .command('set')
    .description('change a setting of the current profile')
    .argument('<key>', SETTABLE_KEYS.join(', '))
    .argument('<value>')
    .completes({ key: SETTABLE_KEYS, value: 'none' })
    .examples([
      ['fas config set output json', 'print JSON unless a command says otherwise'],
      ['fas config set request_timeout 1m', 'a minute for each HTTP request'],
      ['fas --profile prod config set api_url https://api.example.com', "another profile's API"],
    ]);

const unset = (config: Group) =>
  config
    .command('unset')
    .description('remove a setting from the current profile, so that its default applies')
    .argument('<key>', SETTABLE_KEYS.join(', '))
    .completes({ key: SETTABLE_KEYS })
    .examples([
      ['fas config unset output', 'tables on a terminal again'],
      ['fas --profile prod config unset request_timeout', "another profile's setting"],
    ]);

const listProfiles = (profiles: Group) =>
  profiles
    .command('list')
    .alias('ls')
    .description('list profiles (* marks the current one)')
    .examples([
      ['fas profiles list', 'each profile and its API URL'],
      ['fas profiles ls -q', 'only the names'],
    ]);

const useProfile = (profiles: Group) =>
  profiles
    .command('use')
    .description('make a profile the current one')
    .argument('<name>')
    .completes({ name: 'profile' })
    .examples([
      ['fas profiles use prod', 'commands talk to prod from now on'],
      ['fas profiles use sandbox', 'back to the local sandbox'],
    ]);

const deleteProfile = (profiles: Group) =>
  profiles
    .command('delete')
    .alias('rm')
    .description('delete a profile and its token')
    .argument('<name>')
    .completes({ name: 'profile' })
    .examples([
      ['fas profiles delete old', 'the profile and its token'],
      ['fas profiles rm old', 'the same'],
    ]);
