// --wait through a network that fails for a while: it keeps waiting, and its
// --timeout is the only thing that ends it early.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Execution, Spot } from '../../src/api/types.js';
import { STACK_TRACE } from '../helpers/cli.js';
import { withSandbox, type TestSandbox } from '../helpers/sandbox.js';

let t: TestSandbox;
let proxy: Server;
let proxyUrl: string;
/** What the network between fas and the sandbox does right now. */
let mode: 'pass' | '503' | 'drop' = 'pass';
let failed = 0;

beforeAll(async () => {
  t = await withSandbox({ provisionSeconds: 1.5 });
  const target = new URL(t.sandbox.url);
  proxy = createServer((req, res) => {
    if (mode === 'drop') return failed++, req.socket.destroy();
    if (mode === '503') return failed++, res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>503 Service Unavailable</h1>');
    const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await t.close();
});

beforeEach(() => {
  mode = 'pass';
  failed = 0;
});

const viaProxy = (args: string[]) => t.fas(args, { env: { FAS_API_URL: proxyUrl, FAS_RETRIES: '1' } });

describe('waiting through failures', () => {
  it('keeps waiting while every request fails, and finishes once they pass again', async () => {
    const execution = JSON.parse((await viaProxy(['spots', 'add', '--json'])).stdout) as Execution;
    mode = 'drop';
    const waiting = viaProxy(['executions', 'wait', execution.id, '--timeout', '30s', '--json']);
    // Far more failures than one request's retries could absorb, then the network heals.
    await expect.poll(() => failed, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(4);
    mode = '503';
    await expect.poll(() => failed, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(8);
    mode = 'pass';
    const r = await waiting;
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as Execution).status).toBe('completed');
  });

  it('gives up at --timeout, not before, however the requests fail', async () => {
    const execution = JSON.parse((await viaProxy(['spots', 'add', '--json'])).stdout) as Execution;
    mode = 'drop';
    const started = Date.now();
    const r = await viaProxy(['executions', 'wait', execution.id, '--timeout', '1s']);
    const took = Date.now() - started;
    expect(r.code, r.stderr).toBe(6);
    expect(r.stderr).toMatch(/gave up waiting for execution .* after 1 s/);
    expect(r.stderr).toMatch(`fas executions wait ${execution.id}`);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(took).toBeGreaterThanOrEqual(1000);
  });

  it('adds a spot with --wait when the answer to the add itself is lost once', async () => {
    // The first PUT reaches the sandbox and is done, but its answer is dropped;
    // the retry carries the same Idempotency-Key and gets the same execution.
    let dropNextAnswer = true;
    const target = new URL(proxyUrl);
    const lossy = createServer((req, res) => {
      const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        if (req.method === 'PUT' && dropNextAnswer) {
          dropNextAnswer = false;
          answer.resume();
          return answer.on('end', () => req.socket.destroy());
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => lossy.listen(0, '127.0.0.1', resolve));
    try {
      const before = (await t.json<Spot[]>(['spots', 'list', '--all'])).length;
      const url = `http://127.0.0.1:${(lossy.address() as AddressInfo).port}`;
      const r = await t.fas(['spots', 'add', '--wait', '--json'], { env: { FAS_API_URL: url } });
      expect(r.code, r.stderr).toBe(0);
      expect(dropNextAnswer).toBe(false);
      expect((await t.json<Spot[]>(['spots', 'list', '--all'])).length).toBe(before + 1);
    } finally {
      lossy.closeAllConnections();
      await new Promise((resolve) => lossy.close(resolve));
    }
  });
});
