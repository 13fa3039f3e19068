// What a second `fas sandbox start --detach` asked for that the sandbox
// already serving does not do. Only the options given on its command line
// count: a start without --admin does not mind a sandbox that has it, but a
// start with --admin must not return as if it had got it.
import { describeFaults, parseFaults } from './faults.js';
import type { SandboxState } from './paths.js';

/** The options a start can ask for, by the name StartOptions gives them. */
export const ASKABLE = ['admin', 'faults', 'volatility', 'provisionSeconds', 'failRate', 'seed', 'rateLimit', 'host', 'port'] as const;
export type Askable = (typeof ASKABLE)[number];

/** Their flags, as a person types them. */
export const ASKABLE_FLAGS: Readonly<Record<Askable, string>> = {
  admin: '--admin',
  faults: '--faults',
  volatility: '--volatility',
  provisionSeconds: '--provision-seconds',
  failRate: '--fail-rate',
  seed: '--seed',
  rateLimit: '--rate-limit',
  host: '--host',
  port: '--port',
};

export interface Asked {
  admin?: boolean | undefined;
  faults?: string | undefined;
  volatility?: string | undefined;
  provisionSeconds?: number | undefined;
  failRate?: number | undefined;
  seed?: number | undefined;
  rateLimit?: number | undefined;
  host?: string | undefined;
  port?: number | undefined;
}

/**
 * Each option given (`given`) that the running sandbox does not have, in
 * words: `it runs without --admin`, `with --volatility normal, not high`. None
 * when it does what was asked, or when its record is an older fas's and
 * does not say.
 */
export function differences(state: SandboxState, asked: Asked, given: ReadonlySet<Askable>): string[] {
  const serves = state.serves;
  const out: string[] = [];
  const differ = (key: Askable, running: string | number, wanted: string | number | undefined) => {
    if (!given.has(key) || wanted === undefined || running === wanted) return;
    out.push(running === '' ? `without ${ASKABLE_FLAGS[key]}, not with ${wanted}` : `with ${ASKABLE_FLAGS[key]} ${running}, not ${wanted}`);
  };
  // Any free port was asked for: whichever it has is one.
  if (asked.port !== 0) differ('port', state.port, asked.port);
  differ('host', state.host, asked.host);
  if (!serves) return out;
  if (given.has('admin') && asked.admin && !serves.admin) out.push('it runs without --admin');
  differ('faults', serves.faults, asked.faults === undefined ? undefined : describeFaults(parseFaults(asked.faults)));
  differ('volatility', serves.volatility, asked.volatility);
  differ('provisionSeconds', serves.provision_seconds, asked.provisionSeconds);
  differ('failRate', serves.fail_rate, asked.failRate);
  differ('seed', serves.seed, asked.seed);
  differ('rateLimit', serves.rate_limit, asked.rateLimit);
  return out;
}
