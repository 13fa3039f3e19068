import type { Command } from 'commander';
import { PROFILE_KEYS } from '../config-store.js';
import { lazy, type Runner } from '../handler.js';

const handler = (name: keyof typeof import('../handlers/config.js')) => lazy(async () => (await import('../handlers/index.js')).config, name);
const account = (name: keyof typeof import('../handlers/account.js')) => lazy(async () => (await import('../handlers/index.js')).account, name);

export function registerConfig(program: Command, run: Runner): void {
  program
    .command('login')
    .description('store an API token in the current profile (read from stdin when it is not a terminal)')
    .action(run(handler('login')));
  program
    .command('logout')
    .description("forget the current profile's token (--profile names another); its other settings stay")
    .action(run(account('logout')));
  program
    .command('status')
    .description('the profile, API URL and token in use and where each comes from; whether the API answers and takes the token (exit 3 if not, 1 if unreachable)')
    .action(run(account('status')));
  program.command('version').description('fas, Node.js and system versions, for a bug report').action(run(account('version')));

  const config = program.command('config').description("read and change the current profile's settings");
  config.command('list').description('show every setting and where it comes from').action(run(handler('list')));
  config.command('get').description('print one setting').argument('<key>', PROFILE_KEYS.join(', ')).action(run(handler('get')));
  config
    .command('set')
    .description('change a setting of the current profile')
    .argument('<key>', PROFILE_KEYS.filter((k) => k !== 'token').join(', '))
    .argument('<value>')
    .action(run(handler('set')));

  const profiles = program.command('profiles').description('named sets of settings, one per API and account');
  profiles.command('list').alias('ls').description('list profiles (* marks the current one)').action(run(handler('listProfiles')));
  profiles.command('use').description('make a profile the current one').argument('<name>').action(run(handler('useProfile')));
  profiles.command('delete').alias('rm').description('delete a profile and its token').argument('<name>').action(run(handler('deleteProfile')));
}
