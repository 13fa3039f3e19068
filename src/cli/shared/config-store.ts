// The config file: named profiles (API URL, token, preferences) and which one
// is current. Reading is a plain JSON read. Every change is a read, change
// and write under a lock (see file-lock.ts), so `fas` processes running at
// once never lose each other's settings; the write goes to a file aside that
// is renamed over the config (by conf), so a reader sees the old file or the new one.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { join } from 'node:path';
import { ConfigError, FasError, UsageError } from '../../errors.js';
import { systemReason } from '../../system-reason.js';
import { withFileLock } from './file-lock.js';
import type { Env } from './io.js';
import type { OutputFormat } from './settings.js';

export interface Profile {
  api_url?: string;
  token?: string;
  output?: OutputFormat;
  retries?: number;
  request_timeout?: string;
}

export interface Config {
  current_profile?: string;
  profiles?: Record<string, Profile>;
}

export const PROFILE_KEYS = ['api_url', 'token', 'output', 'retries', 'request_timeout'] as const;
export type ProfileKey = (typeof PROFILE_KEYS)[number];

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export function checkProfileName(name: string): string {
  if (!PROFILE_NAME.test(name)) {
    throw new UsageError(`invalid profile name '${name}': use letters, digits, '.', '_' and '-' (at most 63)`);
  }
  return name;
}

/** Where the config file is, and reading it: all a command that only reads needs. */
export class ConfigFile {
  constructor(protected readonly env: Env) {}

  /** FAS_CONFIG_DIR, else the platform's config directory. */
  get dir(): string {
    const override = this.env.FAS_CONFIG_DIR;
    if (override) return override;
    const home = homedir();
    switch (platform()) {
      case 'darwin':
        return join(home, 'Library', 'Preferences', 'fas');
      case 'win32':
        return join(this.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'fas', 'Config');
      default:
        return join(this.env.XDG_CONFIG_HOME || join(home, '.config'), 'fas');
    }
  }

  get path(): string {
    return join(this.dir, 'config.json');
  }

  read(): Config {
    const path = this.path;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return {};
      throw new ConfigError(`cannot read the config file ${path}: ${systemReason(err)}`, { hint: this.dirHint(code) });
    }
    if (text.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigError(`the config file ${path} is not valid JSON`, {
        hint: 'fix it by hand, or move it away to start afresh (its profiles and tokens would be lost)',
      });
    }
    return validate(parsed, path);
  }

  protected dirHint(code: string | undefined): string | undefined {
    if (code === undefined || code === 'ENOSPC') return undefined;
    return this.env.FAS_CONFIG_DIR
      ? `FAS_CONFIG_DIR is ${this.env.FAS_CONFIG_DIR}: point it at a directory you can write to`
      : 'set FAS_CONFIG_DIR to a directory you can write to';
  }
}

/** The config file, read and changed; each change under a lock held in the name of process `pid`. */
export class ConfigStore extends ConfigFile {
  constructor(
    env: Env,
    private readonly pid: number,
  ) {
    super(env);
  }

  /** Reads, changes and writes the config file in one go, while no other `fas` does. */
  async update(change: (config: Config) => void): Promise<Config> {
    const path = this.path;
    const cannotWrite = (err: unknown) => {
      const code = (err as NodeJS.ErrnoException).code;
      return new ConfigError(`cannot write the config file ${path}: ${systemReason(err)}`, { hint: this.dirHint(code) });
    };
    try {
      // Owner-only: it holds tokens.
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    } catch (err) {
      throw cannotWrite(err);
    }
    try {
      return await withFileLock(path, this.pid, async () => {
        const config = this.read();
        change(config);
        await this.writeAtomically(config);
        return config;
      });
    } catch (err) {
      // Ours (a corrupt file, no such profile) as they are; the file system's as one line.
      if (err instanceof FasError) throw err;
      throw cannotWrite(err);
    }
  }

  /**
   * Writes through conf, which renames a finished file into place (a reader
   * never sees half a config) with owner-only permissions. Loaded only here:
   * most commands only read the file.
   */
  private async writeAtomically(config: Config): Promise<void> {
    const { default: Conf } = await import('conf');
    // A blank file reads as no config here, but conf would fail to parse it.
    if (isBlank(this.path)) rmSync(this.path, { force: true });
    const store = new Conf<Config>({
      projectName: 'fas',
      cwd: this.dir,
      configName: 'config',
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
      clearInvalidConfig: false,
    });
    store.store = config;
  }
}

function validate(value: unknown, path: string): Config {
  const bad = (what: string) =>
    new ConfigError(`the config file ${path} is malformed: ${what}`, { hint: 'fix it by hand, or move it away to start afresh' });
  if (!isObject(value)) throw bad('expected a JSON object');
  if (value.current_profile !== undefined && typeof value.current_profile !== 'string') throw bad('current_profile must be a string');
  if (value.profiles !== undefined) {
    if (!isObject(value.profiles)) throw bad('profiles must be an object');
    for (const [name, profile] of Object.entries(value.profiles)) {
      if (!isObject(profile)) throw bad(`profile '${name}' must be an object`);
      for (const key of ['api_url', 'token', 'output', 'request_timeout'] as const) {
        if (profile[key] !== undefined && typeof profile[key] !== 'string') throw bad(`${name}.${key} must be a string`);
      }
      if (profile.retries !== undefined && typeof profile.retries !== 'number') throw bad(`${name}.retries must be a number`);
    }
  }
  return value as Config;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isBlank(path: string): boolean {
  try {
    return readFileSync(path, 'utf8').trim() === '';
  } catch {
    return false;
  }
}
