// npm run chaos [-- --commands N] [--retries R] [--provision-seconds S] [--json]
//
// N `fas` commands at once (half `spots add --wait`, half `bids create --wait`
// for one spot at a generous price), each with its own --idempotency-key,
// against a sandbox that drops, resets, refuses and delays requests (the
// README's fault mix); once as it is, once killed with kill -9 and restarted
// on the same data in the middle. Then, against the same data served
// without faults: the spots each command should have, the spots there are,
// and every failed command rerun with its key, which must reach the spot its
// failure left behind. Exits 1 when a spot is doubled or lost, or a failure's
// spot cannot be reached by its rerun. --retries (fas's own default: 5)
// lower makes more commands fail, and more reruns to check.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const FAULTS = 'drop=0.1,reset=0.05,503=0.1,429=0.05,latency=50-400ms';
const FAS_BIN = fileURLToPath(new URL('../bin/fas.js', import.meta.url));
const COMMAND_TIMEOUT_MS = 5 * 60_000;

const { values: flags } = parseArgs({
  options: {
    commands: { type: 'string', default: '50' },
    retries: { type: 'string' },
    'provision-seconds': { type: 'string', default: '2' },
    json: { type: 'boolean', default: false },
  },
});
const N = Number(flags.commands);
if (!Number.isInteger(N) || N < 2) fail(`--commands must be a whole number of at least 2, not '${flags.commands}'`);
const RETRIES = flags.retries === undefined ? [] : ['--retries', flags.retries];
const PROVISION = flags['provision-seconds'];
if (!(Number(PROVISION) >= 0)) fail(`--provision-seconds must be a number of seconds, not '${PROVISION}'`);

function fail(message) {
  process.stderr.write(`chaos: ${message}\n`);
  process.exit(2);
}

const log = (line) => process.stderr.write(`chaos: ${line}\n`);
// Nothing from the caller's own fas set-up may leak in.
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('FAS_') && k !== 'FORCE_COLOR'));
const tmp = mkdtempSync(join(tmpdir(), 'fas-chaos-'));
const sandboxes = new Set();

/** Runs `fas ARGS`; resolves with its exit code and output. */
function fas(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FAS_BIN, ...args], { env: { ...cleanEnv, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), COMMAND_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 128, signal, stdout, stderr });
    });
  });
}

async function fasJson(args, env) {
  const r = await fas([...args, '--json'], env);
  if (r.code !== 0) throw new Error(`fas ${args.join(' ')} exited ${r.code}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout);
}

/** A sandbox in its own process, as `fas sandbox start --detach` runs one. */
class Sandbox {
  constructor(name) {
    this.data = join(tmp, name);
    this.config = join(tmp, `${name}-config`);
    this.token = randomBytes(16).toString('hex');
    this.port = '0';
  }

  async start(faults) {
    const args = ['sandbox', 'start', '--detach', '--port', this.port, '--data', this.data, '--provision-seconds', PROVISION, '--json'];
    if (faults) args.push('--faults', faults);
    const started = await fasJson(args, { FAS_CONFIG_DIR: this.config, FAS_TOKEN: this.token });
    this.url = started.url;
    this.pid = started.pid;
    sandboxes.add(this);
    // A restart after a kill comes back where the commands look for it.
    this.port = String(new URL(this.url).port);
  }

  async stop() {
    await fas(['sandbox', 'stop', '--data', this.data], { FAS_CONFIG_DIR: this.config });
    sandboxes.delete(this);
  }

  kill() {
    process.kill(this.pid, 'SIGKILL');
  }

  /** Faults injected so far; health checks are never faulted. */
  async injected() {
    const res = await fetch(`${this.url}/_sandbox/health`, { headers: { authorization: `Token ${this.token}` } });
    const health = await res.json();
    return health.faults?.injected ?? {};
  }

  /** For `fas` commands against it: its URL and token, a config of their own. */
  get env() {
    return { FAS_API_URL: this.url, FAS_TOKEN: this.token, FAS_CONFIG_DIR: this.config };
  }

  /** A count the API gives, asked until an answer gets through the faults. */
  async total(path) {
    for (;;) {
      try {
        const res = await fetch(`${this.url}${path}?per_page=1`, { headers: { authorization: `Token ${this.token}` } });
        if (res.ok) return (await res.json()).meta.total;
      } catch {}
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The command `i` of a run: spots add and bids create in turn, each with its own key. */
function commandLine(run, i) {
  const key = [...RETRIES, '--idempotency-key', `chaos-${run}-${i}`];
  return i % 2 === 0
    ? ['spots', 'add', '--wait', '--json', ...key]
    : ['bids', 'create', '--metro', 'sv', '--plan', 'c3.small', '--min', '1', '--max', '1', '--max-price', '5', '--wait', '--json', ...key];
}

/** The spot a successful command printed. */
function spotOf(args, stdout) {
  const printed = JSON.parse(stdout);
  return args[0] === 'spots' ? printed.id : printed.spots[0];
}

function addCounts(into, from) {
  for (const [kind, n] of Object.entries(from)) into[kind] = (into[kind] ?? 0) + n;
  return into;
}

/** Every execution ended and every bid filled or closed: what the pool will hold is there. */
async function settled(env) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const running = (await fasJson(['executions', 'list', '--all'], env)).filter((e) => e.status === 'pending' || e.status === 'started');
    const open = (await fasJson(['bids', 'list', '--all'], env)).filter((b) => b.state === 'open' || b.state === 'partially_fulfilled');
    if (running.length === 0 && open.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${running.length} executions and ${open.length} bids still open after 2 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function pool(env) {
  await settled(env);
  const spots = await fasJson(['spots', 'list', '--all'], env);
  return new Set(spots.filter((s) => s.state !== 'removed').map((s) => s.id));
}

async function scenario(name, { kill }) {
  const sandbox = new Sandbox(name);
  await sandbox.start(FAULTS);
  log(`${name}: ${N} commands against ${sandbox.url} (faults ${FAULTS})`);
  const lines = Array.from({ length: N }, (_, i) => commandLine(name, i));
  const runs = lines.map((args) => fas(args, sandbox.env));
  const injected = {};

  if (kill) {
    // In the middle: once half the commands' work has reached the sandbox.
    const deadline = Date.now() + 60_000;
    while ((await sandbox.total('/api/executions')) + (await sandbox.total('/api/spot-market-requests')) < Math.ceil(N / 2) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    addCounts(injected, await sandbox.injected());
    sandbox.kill();
    log(`${name}: killed the sandbox (pid ${sandbox.pid}) with kill -9; restarting it on the same data`);
    await sandbox.start(FAULTS);
  }

  const results = await Promise.all(runs);
  addCounts(injected, await sandbox.injected());
  await sandbox.stop();

  // The same data, served without faults: count what the commands left.
  await sandbox.start(undefined);
  const env = sandbox.env;
  const reported = [];
  const failed = [];
  results.forEach((r, i) => (r.code === 0 ? reported.push(spotOf(lines[i], r.stdout)) : failed.push(i)));
  const found = await pool(env);
  const reportedSet = new Set(reported);
  const orphans = [...found].filter((id) => !reportedSet.has(id));
  const lostBefore = reported.length - reportedSet.size + [...reportedSet].filter((id) => !found.has(id)).length;

  // Every failed command again, with its key, against the healthy sandbox.
  const reruns = await Promise.all(failed.map((i) => fas(lines[i], env)));
  const rerunSpots = reruns.flatMap((r, j) => (r.code === 0 ? [spotOf(lines[failed[j]], r.stdout)] : []));
  const reached = orphans.filter((id) => rerunSpots.includes(id)).length;
  // Whether the failure that left an orphan told its user to rerun it.
  const hinted = reruns.filter((r, j) => r.code === 0 && orphans.includes(spotOf(lines[failed[j]], r.stdout)) && /rerun with the same key/.test(results[failed[j]].stderr)).length;
  const after = await pool(env);
  const everyCommand = new Set([...reported, ...rerunSpots]);
  const doubled = [...after].filter((id) => !everyCommand.has(id)).length + (reported.length + rerunSpots.length - everyCommand.size);
  const lost = Math.max(lostBefore, [...everyCommand].filter((id) => !after.has(id)).length);
  await sandbox.stop();

  const summary = {
    scenario: name,
    commands: N,
    faults_injected: Object.values(injected).reduce((a, b) => a + b, 0),
    faults: injected,
    exited_0: reported.length,
    spots_expected: reported.length,
    spots_found: found.size,
    doubled,
    lost,
    orphaned: orphans.length,
    reruns: failed.length,
    reruns_exited_0: rerunSpots.length,
    orphans_reached: reached,
    orphans_hinted: hinted,
    spots_after_reruns: after.size,
    failures: failed.map((i) => results[i].stderr.trim().split('\n').filter((l) => l.startsWith('Error:')).at(-1) ?? `exit ${results[i].code}`),
  };
  summary.ok = doubled === 0 && lost === 0 && reached === orphans.length && rerunSpots.length === failed.length && after.size === N;
  return summary;
}

function print(s) {
  const rows = [
    ['commands', `${s.commands} (${Math.ceil(s.commands / 2)} spots add --wait, ${Math.floor(s.commands / 2)} bids create --wait)`],
    ['faults injected', `${s.faults_injected} (${Object.entries(s.faults).map(([k, n]) => `${k} ${n}`).join(', ')})`],
    ['exited 0', s.exited_0],
    ['spots expected', s.spots_expected],
    ['spots found', s.spots_found],
    ['doubled', s.doubled],
    ['lost', s.lost],
    ['orphaned', `${s.orphaned} (spots whose command failed)`],
    ['failed, rerun', `${s.reruns} with the same --idempotency-key: ${s.reruns_exited_0} exited 0`],
    ['orphans reached', `${s.orphans_reached} of ${s.orphaned} (${s.orphans_hinted} of their failures gave the rerun as the hint)`],
    ['spots after reruns', `${s.spots_after_reruns} of ${s.commands}`],
  ];
  const lines = [`${s.scenario}: ${s.ok ? 'ok' : 'FAILED'}`, ...rows.map(([k, v]) => `  ${k.padEnd(20)}${v}`)];
  const why = new Map();
  for (const f of s.failures) why.set(f, (why.get(f) ?? 0) + 1);
  for (const [f, n] of why) lines.push(`  ${n} x ${f.replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://…')}`);
  return lines.join('\n');
}

let summaries;
try {
  summaries = [await scenario('faults', { kill: false }), await scenario('faults-and-kill-9', { kill: true })];
} finally {
  for (const sandbox of sandboxes) await sandbox.stop();
  rmSync(tmp, { recursive: true, force: true });
}
const ok = summaries.every((s) => s.ok);
if (flags.json) process.stdout.write(`${JSON.stringify({ ok, faults: FAULTS, scenarios: summaries }, null, 2)}\n`);
else process.stdout.write(`chaos: faults ${FAULTS}\n\n${summaries.map(print).join('\n\n')}\n\n${ok ? 'nothing doubled, nothing lost, every orphan reached' : 'FAILED'}\n`);
process.exitCode = ok ? 0 : 1;
