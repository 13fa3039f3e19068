// What every command handler receives (gh's Factory and IOStreams in one):
// the streams, the arguments and the environment of the run, the resolved
// settings, the output writer, the config file, a signal that Ctrl-C fires,
// and the one factory that makes API clients.
import { checkToken } from './token.js';
import { settingSource } from '../account/views.js';
import { FasClient } from '../../client/client.js';
import { AuthError } from '../../errors.js';
import { ConfigStore } from './config-store.js';
import type { Host } from './host.js';
import type { Env, IO } from './io.js';
import { Output } from '../output/output.js';
import { resolveSettings, type GlobalFlags, type Settings } from './settings.js';

/** What a run of fas is given: main.ts builds it from the process; tests build their own. */
export interface RunEnvironment {
  /** The command line as given, after `fas`. */
  argv: readonly string[];
  env: Env;
  io: IO;
  host: Host;
}

export interface Context extends RunEnvironment {
  settings: Settings;
  out: Output;
  config: ConfigStore;
  signal: AbortSignal;
  /**
   * The API client for the settings; one per run, made on first use. With a
   * `token`, a client of its own for that token (`fas login` checks one
   * before saving it; '' for none), and `retries` if given. Throws AuthError
   * when there is no token at all.
   */
  client(options?: { token?: string; retries?: number }): FasClient;
}

export async function createContext(
  run: RunEnvironment,
  flags: GlobalFlags,
  signal: AbortSignal,
  onClient: (c: FasClient) => void,
): Promise<Context> {
  const config = new ConfigStore(run.env, run.host.pid);
  const settings = resolveSettings(flags, run.env, config);
  let shared: FasClient | undefined;
  // Times the API sets are on its clock, which its answers' Date tells (a sandbox's may be moved).
  const now = () => Date.now() + (shared?.serverTimeOffsetMs ?? 0);
  const out = await Output.create(run.io, {
    format: settings.output,
    quiet: settings.quiet,
    color: settings.color,
    columns: settings.columns,
    header: settings.header,
    query: settings.query,
    now,
  });
  const make = (token: string, retries = settings.retries) => {
    const client = new FasClient({
      apiUrl: settings.apiUrl,
      token,
      retries,
      requestTimeoutMs: settings.requestTimeoutMs,
      insecure: settings.insecure,
      userAgent: `fas/${FAS_VERSION} node/${run.host.nodeVersion}`,
      onTrace: settings.debug ? (line) => out.debug(`[debug] ${line}`) : undefined,
      onRetry: (retry) => {
        if (retry.retryAfter && retry.delayMs >= 1000) out.info(`waiting ${Math.ceil(retry.delayMs / 1000)}s as the server asked (Retry-After)`);
      },
    });
    onClient(client);
    return client;
  };
  return {
    ...run,
    settings,
    out,
    config,
    signal,
    client(options = {}) {
      if (options.token !== undefined) return make(options.token, options.retries);
      if (shared) return shared;
      if (!settings.token) throw new AuthError(`no API token for profile '${settings.profile}'`, { code: 'no_token' });
      return (shared = make(checkToken(settings.token, settingSource('token', settings.sources.token, settings.profile))));
    },
  };
}
