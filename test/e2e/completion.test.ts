// Shell completion end to end: the scripts `fas completion SHELL` prints,
// loaded into real shells that complete real command lines against a
// sandbox. zsh and fish tests are skipped where the shell is not installed
// (bash is always there).
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Spot } from '../../src/api/types.js';
import { baseEnv, FAS_BIN, runFas, tempDir } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

const installed = (shell: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${shell}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const HAS = { bash: installed('bash'), zsh: installed('zsh'), fish: installed('fish') };

let t: TestSandbox;
let spot: Spot;
let dir: string;
let env: Record<string, string>;
const scripts: Record<string, string> = {};

beforeAll(async () => {
  t = await withSandbox();
  spot = await t.json<Spot>(['spots', 'add', '--wait']);
  // The scripts call `fas` by name, as an installed fas is.
  dir = tempDir('fas-completion-');
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'fas'), `#!/bin/sh\nexec "${process.execPath}" "${FAS_BIN}" "$@"\n`);
  chmodSync(join(dir, 'bin', 'fas'), 0o755);
  env = baseEnv({ ...t.env, PATH: `${join(dir, 'bin')}:${process.env.PATH}` });
  for (const shell of ['bash', 'zsh', 'fish']) {
    const r = await t.fas(['completion', shell]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    scripts[shell] = join(dir, shell === 'zsh' ? '_fas' : `fas.${shell}`);
    writeFileSync(scripts[shell]!, r.stdout);
  }
});
afterAll(() => t.close());

function shell(command: string, args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: { ...env, ...extraEnv }, timeout: 20_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${command} failed: ${err.message}\n${stderr}`)) : resolve(stdout),
    );
  });
}

describe('the scripts', () => {
  it('parse in bash', async () => {
    await shell('bash', ['-n', scripts.bash!]);
    expect(readFileSync(scripts.bash!, 'utf8')).toContain('complete -F _fas fas');
  });
  it.skipIf(!HAS.zsh)('parse in zsh (skipped where zsh is not installed)', async () => {
    await shell('zsh', ['-n', scripts.zsh!]);
    expect(readFileSync(scripts.zsh!, 'utf8')).toMatch(/^#compdef fas\n/);
  });
  it.skipIf(!HAS.fish)('parse in fish (skipped where fish is not installed)', async () => {
    await shell('fish', ['-n', scripts.fish!]);
  });
  it('an unknown shell is a usage error naming the three', async () => {
    const r = await t.fas(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish/);
    expect(r.stderr).toMatch(/Hint: see fas completion --help/);
  });
});

describe('bash', () => {
  /** What bash offers for `line` (the cursor at its end), the script sourced as ~/.bashrc would. */
  async function offers(line: string): Promise<string[]> {
    const script = [
      `source ${scripts.bash}`,
      // bash splits the line into COMP_WORDS at blanks and at '=' (COMP_WORDBREAKS).
      `COMP_WORDS=(${[...line.split(' ').flatMap((w) => w.split(/(=)/).filter(Boolean)), ...(line.endsWith(' ') ? [''] : [])].map((w) => `'${w}'`).join(' ')})`,
      'COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))',
      '_fas',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    return (await shell('bash', ['-c', script])).split('\n').filter(Boolean);
  }

  it('completes commands, subcommands and aliases', async () => {
    expect(await offers('fas sp')).toEqual(['spots']);
    expect(await offers('fas spots ')).toEqual(['add', 'list', 'get', 'remove', 'convert', 'watch', 'wait']);
    expect(await offers('fas spots rm')).toEqual(['rm']);
    expect(await offers('fas help market b')).toEqual(['backtest']);
  });

  it('completes flags, the global ones too', async () => {
    expect(await offers('fas spots list --st')).toEqual(['--state']);
    expect(await offers('fas spots list --req')).toEqual(['--request-timeout']);
  });

  it('completes the values of enum flags', async () => {
    expect(await offers('fas spots list --state a')).toEqual(['active']);
    expect(await offers('fas market advise --plan c3.small --sort ')).toEqual(['savings', 'availability', 'revocations', 'price', 'metro']);
    expect(await offers('fas -o js')).toEqual(['json', 'jsonl']);
    // After '=', bash replaces only what follows it.
    expect(await offers('fas --output=ya')).toEqual(['yaml']);
    expect(await offers('fas spots list --state=')).toEqual(['provisioning', 'active', 'terminating', 'removed']);
  });

  it('completes a spot id from its first characters, and its IP, from the sandbox', async () => {
    expect(await offers(`fas spots get ${spot.id.slice(0, 3)}`)).toContain(spot.id);
    expect(await offers(`fas spots remove ${spot.ip}`)).toEqual([spot.ip]);
  });

  it('completes metros and plans from the sandbox', async () => {
    expect(await offers('fas market history --metro s')).toEqual(expect.arrayContaining(['sv']));
    expect(await offers('fas market history --metro sv --plan c3.sm')).toEqual(['c3.small']);
  });
});

describe.skipIf(!HAS.zsh)('zsh (skipped where zsh is not installed)', () => {
  it('completes a spot id in an interactive zsh, the script installed in $fpath', async () => {
    // A terminal for zsh (its zpty module): type the line and Tab, then make zsh print what the line
    // became (Ctrl-A, in the emacs keymap that EDITOR=vi would not give).
    const driver = `
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z 'PS1="> "; bindkey -e; fpath=(${dir} $fpath); autoload -Uz compinit; compinit -u -D'
zpty -w -n z $'fas spots get ${spot.id.slice(0, 3)}\\t\\x01print -r -- LINE:\\n'
local out='' chunk
integer i
for i in {1..150}; do
  while zpty -r -t z chunk; do out+=$chunk; done
  [[ $out == *$'\\n'LINE:*$'\\r'* ]] && break
  sleep 0.1
done
zpty -d z
out=\${out##*$'\\n'LINE:}
print -r -- "\${out%%$'\\r'*}"
`;
    expect((await shell('zsh', ['-f', '-c', driver])).trim()).toBe(`fas spots get ${spot.id}`);
  });
});

describe.skipIf(!HAS.fish)('fish (skipped where fish is not installed)', () => {
  it('completes a spot id with its description, and subcommands', async () => {
    const complete = (line: string) => shell('fish', ['--no-config', '-c', `source ${scripts.fish}; complete -C "${line}"`]);
    expect(await complete(`fas spots get ${spot.id.slice(0, 3)}`)).toContain(`${spot.id}\tactive ${spot.metro} ${spot.plan} ${spot.ip}`);
    expect((await complete('fas bids ')).split('\n').map((l) => l.split('\t')[0])).toEqual(expect.arrayContaining(['create', 'list', 'get', 'delete']));
  });
});

describe('fas __complete', () => {
  it('prints nothing but its directive, exit 0 and no stderr, when nothing listens at the API URL', async () => {
    const r = await runFas(['__complete', 'spots', 'get', ''], { env: { ...t.env, FAS_API_URL: 'http://127.0.0.1:9' } });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, ':\n', '']);
  });

  it('gives up after a second when the API does not answer', async () => {
    // Accepts connections and never answers: without its own limit, completion would wait 30 s.
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const r = await runFas(['__complete', 'spots', 'get', ''], { env: { ...t.env, FAS_API_URL: `http://127.0.0.1:${port}` }, timeoutMs: 5000 });
      expect([r.code, r.stdout, r.stderr]).toEqual([0, ':\n', '']);
    } finally {
      sockets.forEach((s) => s.destroy());
      silent.close();
    }
  });

  it('asks nothing without a token', async () => {
    const r = await runFas(['__complete', 'spots', 'get', ''], { env: { FAS_API_URL: t.env.FAS_API_URL, FAS_CONFIG_DIR: tempDir() } });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, ':\n', '']);
  });

  it('never writes to stderr, whatever the line', async () => {
    for (const words of [['--profile', 'not a name!', 'spots', 'get', ''], ['--retries', 'many', 'bids', 'get', ''], ['spotz', 'get', '']]) {
      const r = await t.fas(['__complete', ...words]);
      expect([r.code, r.stdout, r.stderr], words.join(' ')).toEqual([0, ':\n', '']);
    }
  });

  it('is no command of the help, the command reference or completion', async () => {
    for (const args of [['--help'], ['help'], ['--no-color', '--help']]) expect((await t.fas(args)).stdout).not.toMatch(/__complete/);
    expect(readFileSync(new URL('../../docs/commands.md', import.meta.url), 'utf8')).not.toMatch(/__complete/);
    expect((await t.fas(['__complete', '_'])).stdout).toBe(':\n');
  });
});
