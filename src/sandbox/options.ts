// What a sandbox is started with: `startSandbox()` (index.ts) takes them, and
// opening its data directory (data-dir.ts) reads its part of them.
import type { Volatility } from './market/price-model.js';

export interface SandboxOptions {
  dataDir: string;
  host?: string;
  port?: number;
  /** Each token is one account; when none, a random one made once and kept in the data directory. */
  tokens?: string[];
  provisionSeconds?: number;
  failRate?: number;
  seed?: number;
  /** How much the simulated market moves (`--volatility`); kept in the data directory like the seed. Default normal. */
  volatility?: Volatility;
  admin?: boolean;
  /** Faults to inject on /api/ routes, e.g. `drop=0.1,503=0.05,latency=10-50ms` (see faults.ts). */
  faults?: string | undefined;
  /** Requests per second per token before 429; absent or 0 for no limit. */
  rateLimit?: number | undefined;
  /** How long a write waits for another process's lock on the database before giving up (503); default 5000. */
  busyTimeoutMs?: number;
  /** Each request, one line; also where failures of the background work are told (default: stderr). */
  log?: (line: string) => void;
}
