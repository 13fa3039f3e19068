// The values completion reads from the API and the config file: one short
// try (a second in all, no retry), and nothing at all when there is no token
// or no answer, so a Tab never waits long and never prints an error.
import { FasClient } from '../../client/client.js';
import { ConfigFile } from '../shared/config-store.js';
import type { RunEnvironment } from '../shared/context.js';
import { resolveSettings, type GlobalFlags } from '../shared/settings.js';
import type { Candidate, Lookup } from './complete.js';

/** How long a Tab may wait for the API. */
const LOOKUP_TIMEOUT_MS = 1000;
/** The newest of each list: enough to pick from, one page to fetch. */
const PER_PAGE = 100;

export class ApiLookup {
  #client: FasClient | undefined;

  constructor(private readonly run: Pick<RunEnvironment, 'env' | 'host'>) {}

  readonly lookup: Lookup = async (source, flags) => {
    const env = this.run.env;
    if (source === 'profile') {
      const profiles = new ConfigFile(env).read().profiles ?? {};
      return Object.entries(profiles).map(([name, p]) => ({ value: name, description: p.api_url }));
    }
    const client = this.client(flags);
    if (!client) return [];
    const options = { signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS) };
    const page = { perPage: PER_PAGE };
    switch (source) {
      case 'metro':
        return (await client.market.metros(options)).map((m) => ({ value: m.code, description: m.name }));
      case 'plan':
        return (await client.market.plans(options)).map((p) => ({ value: p.slug, description: `${p.name}, $${p.pricing.hour}/h on demand` }));
      case 'spot':
        return (await client.spots.list(page, options)).items
          .filter((s) => s.state !== 'removed')
          .flatMap((s): Candidate[] => [
            { value: s.id, description: `${s.state} ${s.metro} ${s.plan} ${s.ip} ${s.hostname}` },
            { value: s.ip, description: `${s.id.slice(0, 8)} ${s.state} ${s.metro} ${s.plan} ${s.hostname}` },
          ]);
      case 'bid':
        return (await client.bids.list(page, options)).items.map((b) => ({
          value: b.id,
          description: `${b.state} ${b.metro} ${b.instance_parameters.plan} ${b.devices_min}-${b.devices_max} at $${b.max_bid_price}/h`,
        }));
      case 'execution':
        return (await client.executions.list(page, options)).items.map((e) => ({ value: e.id, description: `${e.operation} ${e.status} ${e.created_at}` }));
    }
  };

  /** The client of the profile, URL and token the command line and environment say; none without a token. */
  private client(flags: GlobalFlags): FasClient | undefined {
    if (this.#client) return this.#client;
    const settings = resolveSettings(flags, this.run.env);
    if (!settings.token) return undefined;
    return (this.#client = new FasClient({
      apiUrl: settings.apiUrl,
      token: settings.token,
      retries: 0,
      requestTimeoutMs: LOOKUP_TIMEOUT_MS,
      connectTimeoutMs: LOOKUP_TIMEOUT_MS,
      insecure: settings.insecure,
      userAgent: `fas/${FAS_VERSION} node/${this.run.host.nodeVersion}`,
    }));
  }

  async close(): Promise<void> {
    await this.#client?.close();
  }
}
