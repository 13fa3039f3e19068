// The completion scripts `fas completion SHELL` prints. Each is a thin
// wrapper: on Tab it hands the words of the command line to
// `fas __complete` (complete.ts), which knows the program, and offers what
// comes back, so an upgraded fas completes its new commands without a new
// script. Lines: `value<TAB>description`, then a directive (`:dirs`: the
// shell completes a directory itself).

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const BASH = String.raw`# fas completion for bash 4.1 or newer. Install it with:
#   fas completion bash > ~/.local/share/bash-completion/completions/fas
# or add to ~/.bashrc:  source <(fas completion bash)
_fas() {
    local i w cur word lead out directive
    local -a words=() lines=()
    # The words as fas reads them: bash splits --output=json at '=' (COMP_WORDBREAKS).
    for ((i = 1; i <= COMP_CWORD; i++)); do
        w=@{COMP_WORDS[i]}
        if ((@{#words[@]})) && [[ $w == = || @{words[@{#words[@]}-1]} == *= ]]; then
            words[@{#words[@]}-1]+=$w
        else
            words+=("$w")
        fi
    done
    cur=@{words[@{#words[@]}-1]}
    # What bash replaces is only the text after the last '=': a word that is
    # '=' itself (the line ends in it) replaces nothing.
    word=@{COMP_WORDS[COMP_CWORD]}
    [[ $word == = ]] && word=''
    lead=@{cur%"$word"}
    out=$(command fas __complete "@{words[@]}" 2>/dev/null) || return 0
    mapfile -t lines <<<"$out"
    directive=@{lines[@{#lines[@]}-1]}
    COMPREPLY=()
    if [[ $directive == :dirs ]]; then
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$word")
        return 0
    fi
    for ((i = 0; i < @{#lines[@]} - 1; i++)); do
        w=@{lines[i]%%$'\t'*}
        [[ $w == "$lead"* ]] && COMPREPLY+=("@{w#"$lead"}")
    done
    return 0
}
complete -F _fas fas
`;

const ZSH = String.raw`#compdef fas
# fas completion for zsh. Install it with:
#   fas completion zsh > "@{fpath[1]}/_fas"
# or add to ~/.zshrc, after compinit:  source <(fas completion zsh)
_fas() {
    local line directive
    local -a lines candidates
    lines=("@{(@f)$(command fas __complete "@{(@)words[2,CURRENT]}" 2>/dev/null)}")
    directive=@{lines[-1]}
    lines=("@{(@)lines[1,-2]}")
    if [[ $directive == :dirs ]]; then
        _files -/
        return
    fi
    for line in "@{lines[@]}"; do
        [[ -z $line ]] && continue
        if [[ $line == *$'\t'* ]]; then
            candidates+=("@{@{line%%$'\t'*}//:/\\:}:@{line#*$'\t'}")
        else
            candidates+=("@{line//:/\\:}")
        fi
    done
    (( @{#candidates} )) && _describe -t values fas candidates
}
if [[ @{funcstack[1]} == _fas ]]; then
    # Loaded from fpath by compinit: this file is the function's body.
    _fas "$@"
else
    compdef _fas fas
fi
`;

const FISH = String.raw`# fas completion for fish. Install it with:
#   fas completion fish > ~/.config/fish/completions/fas.fish
function __fas_complete
    set -l words (commandline -opc) (commandline -ct)
    set -e words[1]
    set -l lines (command fas __complete $words 2>/dev/null)
    or return 0
    test (count $lines) -gt 0
    or return 0
    if test "$lines[-1]" = :dirs
        __fish_complete_directories (commandline -ct)
        return 0
    end
    set -e lines[-1]
    test (count $lines) -gt 0
    and printf '%s\n' $lines
end
complete -c fas -f -a '(__fas_complete)'
`;

/** The script for `shell`. (A template literal cannot hold `${`: the scripts above write it `@{`.) */
export function completionScript(shell: Shell): string {
  return { bash: BASH, zsh: ZSH, fish: FISH }[shell].replaceAll('@{', '${');
}
