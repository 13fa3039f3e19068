// What to do next, for the errors that carry no hint of their own: the one
// place that turns what the client says went wrong (its error's code and
// fields) into the words of this CLI: its commands, flags and variables.
import { isLoopback } from '../../client/api-url.js';
import { AmbiguousIdError, type ErrorCode, type FasError } from '../../errors.js';

const CHECK_API_URL = 'check the API URL: --api-url, FAS_API_URL, or fas config get api_url';

/** The sandbox's port when none is given. */
const SANDBOX_PORT = '7878';

/** The command that starts a sandbox where `apiUrl` (on loopback) points: on its port, unless that is the default. */
export function startSandboxCommand(apiUrl: string): string {
  const port = URL.canParse(apiUrl) ? new URL(apiUrl).port : '';
  return `fas sandbox start --detach${port !== '' && port !== SANDBOX_PORT ? ` --port ${port}` : ''}`;
}

/** Refused or failed connections to loopback are, most often, a sandbox that is not running. */
function sandboxHint(err: FasError): string | undefined {
  return err.url !== undefined && URL.canParse(err.url) && isLoopback(new URL(err.url).hostname)
    ? `is the sandbox running? start it with: ${startSandboxCommand(err.url)}`
    : undefined;
}

const BY_CODE: Partial<Record<ErrorCode, (err: FasError) => string | undefined>> = {
  connection_refused: sandboxHint,
  connect_timeout: sandboxHint,
  connection_failed: sandboxHint,
  request_timeout: () => 'raise --request-timeout',
  rate_limited: () => 'try again later, or raise --retries',
  retry_after: () => 'try again later',
  not_the_api: () => CHECK_API_URL,
  redirect: () => 'if the API has moved, point fas at its new URL: --api-url, FAS_API_URL, or fas config set api_url',
  token_rejected: () => 'check the token: fas login, --token or FAS_TOKEN',
  no_token: () => 'run fas login, set FAS_TOKEN, or start the sandbox with: fas sandbox start --detach',
  idempotency_key_reused: (e) => `the key ${e.idempotencyKey} was first used for another request; give this one a key of its own`,
  url_credentials: () => 'use --token or fas login',
  insecure_url: () => 'use https://, or pass --insecure if you trust the network',
  execution_unfinished: (e) => `it may still finish: fas executions wait ${e.executionId}`,
  execution_unread: (e) => `the work goes on: fas executions get ${e.executionId}`,
  bid_unfilled: (e) => `fas bids get ${e.resourceId}`,
  ambiguous_id: (e) => (e instanceof AmbiguousIdError ? `it could be ${listMatches(e)}; give more of the id` : undefined),
};

/** "A (host-a), B (host-b) and C", or with more than the API listed, "A, B and 8 more". */
function listMatches({ matches, total }: AmbiguousIdError): string {
  const items = matches.map((m) => (m.hostname === undefined ? m.id : `${m.id} (${m.hostname})`));
  const rest = total - items.length;
  if (rest > 0) return `${items.join(', ')} and ${rest} more`;
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}` : items.join('');
}

/** Ctrl-C while waiting: the command that picks the wait up again. */
function afterInterrupt(err: FasError): string | undefined {
  if (err.executionId) return `fas executions wait ${err.executionId}`;
  if (err.resourceType === 'bid' && err.resourceId) return `fas bids get ${err.resourceId}`;
  return undefined;
}

/** The Hint line for `err`: its own, else the one its code and fields call for, if any. */
export function hintFor(err: FasError): string | undefined {
  if (err.hint) return err.hint;
  if (err.kind === 'interrupted') return afterInterrupt(err);
  return err.code === undefined ? undefined : BY_CODE[err.code]?.(err);
}
