// Whole-command idempotency. Each command that creates or removes something
// sends one Idempotency-Key: the one given (--idempotency-key or
// FAS_IDEMPOTENCY_KEY), else a new one. The API answers a repeated key with
// its first answer, so rerunning the command with the same key gets the spot
// or bid the first run bought instead of buying another. When a run fails in
// a way that leaves the work possibly done (the answer lost, a 5xx or a 429
// after the last retry), its hint is that rerun, word for word.
import { FasError, NetworkError, ServerError, TimeoutError, UsageError } from '../../errors.js';
import type { Context } from './context.js';
import type { Env } from './io.js';

export const IDEMPOTENCY_ENV = 'FAS_IDEMPOTENCY_KEY';

/** The request's key, as the API takes it: 1 to 255 printable ASCII characters, with no space at either end. */
const KEY = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;

/** The key given by flag or environment, checked; else a fresh random one. */
export async function commandKey(flag: string | undefined, env: Env): Promise<string> {
  const [value, label] = keyGiven(flag, env);
  if (value === undefined) return (await import('node:crypto')).randomUUID();
  if (!KEY.test(value)) {
    throw new UsageError(`invalid ${label} '${value}': expected 1 to 255 printable ASCII characters, not starting or ending with a space`);
  }
  return value;
}

function keyGiven(flag: string | undefined, env: Env): [string | undefined, string] {
  return flag !== undefined ? [flag, '--idempotency-key'] : [env[IDEMPOTENCY_ENV] || undefined, IDEMPOTENCY_ENV];
}

/**
 * The command's key (`key`: what a rerun gives), and the key each id's
 * request is sent with (`keys`): one id is sent with the command's key
 * itself; several each with `KEY:ID` (the id as given), so that rerunning
 * the command with the same key replays each one.
 */
export async function commandKeys(flag: string | undefined, env: Env, ids: readonly string[]): Promise<{ key: string; keys: string[] }> {
  const key = await commandKey(flag, env);
  if (ids.length === 1) return { key, keys: [key] };
  const keys = ids.map((id) => {
    const derived = `${key}:${id}`;
    if (KEY.test(derived)) return derived;
    const [given, label] = keyGiven(flag, env);
    const source = given === undefined ? 'a key' : `${label} '${key}'`;
    throw new UsageError(`${source} with the id '${id}' makes the key '${derived}', which is not one: at most 255 printable ASCII characters`);
  });
  return { key, keys };
}

export interface Resumable {
  key: string;
  /** What may have happened, e.g. "the spot may have been added". */
  outcome: string;
  /** Flags to give instead of the ones the run had, e.g. the price a strategy chose. */
  replace?: { drop: readonly string[]; add: readonly string[] } | undefined;
}

/**
 * Runs `work`, the part of a command from its request that changes something
 * on. A failure that may have left the work done gets the rerun as its hint.
 * The client sees every attempt of a request, so it alone can tell that one
 * of them may have done the work (an answer lost after sending, a 5xx), even
 * when a later attempt was only refused; it marks such failures.
 */
export async function resumable<T>(ctx: Context, how: Resumable, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof FasError) || !err.mayHaveSucceeded) throw err;
    // Whatever the last attempt heard, an earlier one may have done the work:
    // a failure of the network or the server (exit 1), not of the request;
    // or the command's own time running out (exit 6), as a wait's does.
    const lost = err instanceof ServerError || err instanceof NetworkError || err instanceof TimeoutError ? err : asNetworkError(err);
    lost.hint = `${how.outcome}; rerun with the same key to get it: ${resumeCommand(ctx.argv, how.key, how.replace)}`;
    throw lost;
  }
}

function asNetworkError(err: FasError): NetworkError {
  const { code, status, url, executionId, resourceId, resourceType, idempotencyKey, mayHaveSucceeded } = err;
  return Object.assign(new NetworkError(err.message, { cause: err, code, status, url, executionId, resourceId, resourceType }), { idempotencyKey, mayHaveSucceeded });
}

/** Options of ours that take a value: needed to drop one with its value. */
const TAKES_VALUE = new Set(['--idempotency-key', '--token', '--strategy', '--availability', '--lookback', '--max-price']);

/** The command line that reruns this one with `key`: the same words, the token hidden, the key last. */
export function resumeCommand(argv: readonly string[], key: string, replace?: Resumable['replace']): string {
  const drop = new Set(['--idempotency-key', ...(replace?.drop ?? [])]);
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') ? arg.split('=')[0]! : arg;
    const inline = name !== arg;
    if (drop.has(name)) {
      if (!inline && TAKES_VALUE.has(name)) i++;
      continue;
    }
    if (name === '--token') {
      // Never print it: the rerun names where it goes.
      words.push('--token', 'TOKEN');
      if (!inline) i++;
      continue;
    }
    words.push(arg);
  }
  words.push(...(replace?.add ?? []), '--idempotency-key', key);
  return ['fas', ...words.map(shellQuote)].join(' ');
}

function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
