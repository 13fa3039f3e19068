// The CLI's words for what the client says went wrong: each error code and
// its fields give one Hint line (src/cli/shared/hints.ts), printed by report().
import { describe, expect, it } from 'vitest';
import { AmbiguousIdError, AuthError, ConfigError, InterruptedError, NetworkError, ServerError, TimeoutError, UsageError, type FasError } from '../../src/errors.js';
import { hintFor } from '../../src/cli/shared/hints.js';
import { testIO } from '../../src/cli/shared/io.js';
import { Output } from '../../src/cli/output/output.js';
import { report } from '../../src/cli/shared/report.js';

describe('hintFor', () => {
  it.each<[string, FasError, string | undefined]>([
    ['refused on loopback', new NetworkError('x', { code: 'connection_refused', url: 'http://127.0.0.1:7878' }), 'is the sandbox running? start it with: fas sandbox start --detach'],
    ['refused elsewhere', new NetworkError('x', { code: 'connection_refused', url: 'https://api.example.com' }), undefined],
    ['connect timeout on localhost', new NetworkError('x', { code: 'connect_timeout', url: 'http://localhost:1' }), 'is the sandbox running? start it with: fas sandbox start --detach --port 1'],
    ['refused on loopback, the default port left out', new NetworkError('x', { code: 'connection_refused', url: 'http://localhost:7878/' }), 'is the sandbox running? start it with: fas sandbox start --detach'],
    ['a closed connection: something listens', new NetworkError('x', { code: 'connection_closed', url: 'http://127.0.0.1:1' }), undefined],
    ['no answer in time', new NetworkError('x', { code: 'request_timeout' }), 'raise --request-timeout'],
    ['429', new ServerError('x', 429, { code: 'rate_limited' }), 'try again later, or raise --retries'],
    ['a Retry-After too long', new ServerError('x', 503, { code: 'retry_after', retryAfterMs: 9e6 }), 'try again later'],
    ['not the API', new ServerError('x', 200, { code: 'not_the_api' }), 'check the API URL: --api-url, FAS_API_URL, or fas config get api_url'],
    ['a redirect', new ServerError('x', 302, { code: 'redirect' }), 'if the API has moved, point fas at its new URL: --api-url, FAS_API_URL, or fas config set api_url'],
    ['a rejected token', new AuthError('x', { code: 'token_rejected' }), 'check the token: fas login, --token or FAS_TOKEN'],
    ['no token', new AuthError('x', { code: 'no_token' }), 'run fas login, set FAS_TOKEN, or start the sandbox with: fas sandbox start --detach'],
    [
      'a key used before',
      Object.assign(new UsageError('x', { code: 'idempotency_key_reused' }), { idempotencyKey: 'ci-46' }),
      'the key ci-46 was first used for another request; give this one a key of its own',
    ],
    ['credentials in the URL', new UsageError('x', { code: 'url_credentials' }), 'use --token or fas login'],
    ['plain http', new UsageError('x', { code: 'insecure_url' }), 'use https://, or pass --insecure if you trust the network'],
    ['a wait past its time', new TimeoutError('x', { code: 'execution_unfinished', executionId: 'e-1' }), 'it may still finish: fas executions wait e-1'],
    ['accepted work not readable', new TimeoutError('x', { code: 'execution_unread', executionId: 'e-2' }), 'the work goes on: fas executions get e-2'],
    ['a bid not filled', new TimeoutError('x', { code: 'bid_unfilled', resourceId: 'b-1', resourceType: 'bid' }), 'fas bids get b-1'],
    ['Ctrl-C while an execution runs', new InterruptedError('x', { executionId: 'e-3' }), 'fas executions wait e-3'],
    ['Ctrl-C while a bid waits', new InterruptedError('x', { resourceId: 'b-2', resourceType: 'bid' }), 'fas bids get b-2'],
    ['Ctrl-C before anything was accepted', new InterruptedError('interrupted'), undefined],
    [
      'an ambiguous spot prefix',
      new AmbiguousIdError('x', [{ id: 'ab12-1', hostname: 'web-1' }, { id: 'ab12-2', hostname: 'web-2' }, { id: 'ab12-3', hostname: 'db' }], 3),
      'it could be ab12-1 (web-1), ab12-2 (web-2) or ab12-3 (db); give more of the id',
    ],
    ['an ambiguous bid prefix, more than listed', new AmbiguousIdError('x', [{ id: 'b-1' }, { id: 'b-2' }], 14), 'it could be b-1, b-2 and 12 more; give more of the id'],
    ['a hint of its own wins', new ConfigError('x', { hint: 'fix it by hand', code: 'not_the_api' }), 'fix it by hand'],
  ])('%s', (_name, err, hint) => {
    expect(hintFor(err)).toBe(hint);
  });
});

describe('report()', () => {
  it('prints the hint the error calls for under its message, with the exit code of its kind', async () => {
    const { io, stderr } = testIO();
    const out = await Output.create(io, { format: 'table', quiet: false, color: false });
    const code = report(new NetworkError('cannot connect to http://127.0.0.1:9: connection refused', { code: 'connection_refused', url: 'http://127.0.0.1:9' }), out, {
      debug: false,
    });
    expect(code).toBe(1);
    expect(stderr()).toBe(
      'Error: cannot connect to http://127.0.0.1:9: connection refused\nHint: is the sandbox running? start it with: fas sandbox start --detach --port 9\n',
    );
  });
});
