import { Argument } from '@commander-js/extra-typings';
import { SHELLS } from './scripts.js';
import { lazy, type Group, type HandlerOf, type Runner } from '../handler.js';

/** What the command's handler takes (handlers.ts), as its definition says. */
export interface CompletionHandlers {
  script: HandlerOf<typeof completion>;
}

export function registerCompletion(program: Group, run: Runner, load: () => Promise<CompletionHandlers>): void {
  completion(program).action(run(lazy(load, 'script')));
}

const completion = (program: Group) =>
  program
    .command('completion')
    .description('print the shell completion script for bash, zsh or fish (see the README: Shell completion)')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .examples([
      ['fas completion bash > ~/.local/share/bash-completion/completions/fas', 'bash: completes fas in every new shell'],
      ['fas completion zsh > "${fpath[1]}/_fas"', 'zsh: a directory of $fpath, read by compinit'],
      ['fas completion fish > ~/.config/fish/completions/fas.fish', 'fish'],
    ]);
