import { Argument } from 'commander';
import { SHELLS } from './scripts.js';
import { lazy, type Runner } from '../handler.js';
import type { FasCommand } from '../help.js';

const handler = (name: keyof typeof import('./handlers.js')) => lazy(async () => (await import('../handlers.js')).completion, name);

export function registerCompletion(program: FasCommand, run: Runner): void {
  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish (see the README: Shell completion)')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .examples([
      ['fas completion bash > ~/.local/share/bash-completion/completions/fas', 'bash: completes fas in every new shell'],
      ['fas completion zsh > "${fpath[1]}/_fas"', 'zsh: a directory of $fpath, read by compinit'],
      ['fas completion fish > ~/.config/fish/completions/fas.fish', 'fish'],
    ])
    .action(run(handler('script')));
}
