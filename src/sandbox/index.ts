// The sandbox: a FaaSpot API on loopback over SQLite, with a simulated
// market. What `fas sandbox start` runs and what the tests talk to.
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NetworkError, UsageError } from '../errors.js';
import { dataDirError, defaultDataDir, stateFile, type SandboxState, type ServingOptions } from './paths.js';
import { writePrivateFile } from './private-files.js';
import { describeFaults, FaultInjector, parseFaults } from './faults.js';
import { openData } from './data-dir.js';
import { createHandler } from './http/handler.js';
import { Service } from './service/service.js';
import { checkToken } from './token.js';
import { Background } from './unavailable.js';
import type { SandboxOptions } from './options.js';

const BACKGROUND_RETRY_MS = 1000;

export { checkToken, defaultDataDir, parseFaults };
export type { SandboxOptions };

export interface RunningSandbox {
  url: string;
  host: string;
  port: number;
  token: string;
  dataDir: string;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const dataDir = options.dataDir;
  // Before the data directory is locked or a port taken: nothing to undo.
  for (const t of options.tokens ?? []) checkToken(t, "the sandbox's token");
  const { lock, store, seed, volatility, tokens, faultSpec } = await openData(options).catch((err: unknown) => {
    throw dataDirError(dataDir, err);
  });
  const service = new Service(store, {
    provisionSeconds: options.provisionSeconds ?? 2,
    failRate: options.failRate ?? 0,
    seed,
    volatility,
  });
  try {
    for (const t of tokens) store.ensureAccount(t, service.now());
  } catch (err) {
    store.close();
    lock.release();
    throw dataDirError(dataDir, err);
  }

  const server = createServer(
    { keepAliveTimeout: 5000 },
    createHandler({
      service,
      admin: options.admin ?? false,
      version: FAS_VERSION,
      dataDir,
      log: options.log,
      faults: faultSpec ? new FaultInjector(faultSpec, seed) : undefined,
      rateLimit: options.rateLimit,
    }),
  );

  // Background work never ends the process: a database locked by another
  // process, a full disk or a read-only file is told once and tried again.
  const background = new Background(options.log ?? ((line) => process.stderr.write(`${line}\n`)));

  // One timer, set for the next moment an execution moves, so long polls
  // hear of completion within milliseconds.
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    let next: number | undefined;
    try {
      next = store.nextDueMs();
    } catch (err) {
      background.failed('executions', err);
      timer = setTimeout(arm, BACKGROUND_RETRY_MS);
      return;
    }
    if (next === undefined) return;
    timer = setTimeout(() => {
      if (background.run('executions', () => service.tick())) arm();
      else timer = setTimeout(arm, BACKGROUND_RETRY_MS);
    }, Math.max(0, next - service.now()) + 1);
  };
  const stopWatching = store.notifier.listen(({ executions }) => {
    if (executions.size) arm();
  });
  // The market moves on its own: warnings, revocations and fills happen
  // even when nobody asks.
  const market = setInterval(() => background.run('market', () => service.tickMarket()), BACKGROUND_RETRY_MS);
  market.unref();
  // Whatever fell due while the sandbox was down happens now.
  background.run('executions', () => service.tick());
  arm();

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      clearInterval(market);
      stopWatching();
      store.close();
      lock.release();
      reject(listenError(err, host, options.port ?? 7878));
    });
    server.listen(options.port ?? 7878, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const serves: ServingOptions = {
    admin: options.admin ?? false,
    faults: faultSpec ? describeFaults(faultSpec) : '',
    volatility,
    provision_seconds: options.provisionSeconds ?? 2,
    fail_rate: options.failRate ?? 0,
    seed,
    rate_limit: options.rateLimit ?? 0,
  };
  const state: SandboxState = { pid: process.pid, url, host, port, started_at: new Date().toISOString(), token: tokens[0]!, serves };
  writePrivateFile(stateFile(dataDir), JSON.stringify(state));

  let closed: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    token: tokens[0]!,
    dataDir,
    close() {
      closed ??= (async () => {
        clearTimeout(timer);
        clearInterval(market);
        stopWatching();
        server.closeIdleConnections();
        const done = new Promise<void>((resolve) => server.close(() => resolve()));
        // Held long polls answer at once with what they have, so closing is quick.
        server.closeAllConnections();
        await done;
        store.close();
        rmSync(stateFile(dataDir), { force: true });
        // Last: a sandbox that starts next finds everything closed.
        lock.release();
      })();
      return closed;
    },
  };
}

/** Why the server could not listen, as a usage error when a flag can fix it. */
function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  switch (err.code) {
    case 'EADDRINUSE':
      return new UsageError(`port ${port} on ${host} is in use`, { hint: 'pick another with --port, or --port 0 for any free one' });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UsageError(`cannot listen on ${host}: not an address of this machine`, { hint: 'the default --host 127.0.0.1 always is' });
    case 'EACCES':
      return new UsageError(`no permission to listen on port ${port}`, { hint: 'ports below 1024 need privileges; pick one above with --port' });
    default:
      return new NetworkError(`cannot listen on ${host}:${port}: ${err.message}`, { cause: err });
  }
}
