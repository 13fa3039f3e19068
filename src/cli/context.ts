// What every command handler receives: the resolved settings, the output
// writer, the API client (built on first use) and a signal that Ctrl-C fires.
import { FasClient } from '../client/client.js';
import { AuthError } from '../errors.js';
import { Output } from './output.js';
import { resolveSettings, type GlobalFlags, type Settings } from './settings.js';

export interface Context {
  settings: Settings;
  out: Output;
  signal: AbortSignal;
  /** The command line as given, after `fas`. */
  argv: readonly string[];
  /** The API client; throws AuthError when no token is configured. */
  client(): FasClient;
}

export async function createContext(
  flags: GlobalFlags,
  argv: readonly string[],
  signal: AbortSignal,
  onClient: (c: FasClient) => void,
): Promise<Context> {
  const settings = resolveSettings(flags);
  const out = await Output.create({ format: settings.output, quiet: settings.quiet, color: settings.color });
  let client: FasClient | undefined;
  return {
    settings,
    out,
    signal,
    argv,
    client() {
      if (client) return client;
      if (!settings.token) {
        throw new AuthError(`no API token for profile '${settings.profile}'`, {
          hint: 'run fas login, set FAS_TOKEN, or start the sandbox with: fas sandbox start --detach',
        });
      }
      client = new FasClient({
        apiUrl: settings.apiUrl,
        token: settings.token,
        retries: settings.retries,
        requestTimeoutMs: settings.requestTimeoutMs,
        insecure: settings.insecure,
        userAgent: `fas/${FAS_VERSION} node/${process.versions.node}`,
        onTrace: settings.debug ? (line) => out.debug(`[debug] ${line}`) : undefined,
        onRetry: (retry) => {
          if (retry.retryAfter && retry.delayMs >= 1000) out.info(`waiting ${Math.ceil(retry.delayMs / 1000)}s as the server asked (Retry-After)`);
        },
      });
      onClient(client);
      return client;
    },
  };
}
