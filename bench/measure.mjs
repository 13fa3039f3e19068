// Timing child processes side by side. The machines this runs on are noisy,
// so every figure is a median of runs interleaved with its reference's, and
// targets are ratios between the two.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RSS_HOOK = fileURLToPath(new URL('./max-rss.mjs', import.meta.url));

/** Runs argv to its end: wall time, exit code, stdout, and when stdout first had something. */
export function timed(argv, { env = process.env, keepStdout = false } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let firstOutput;
    child.stdout.on('data', (c) => {
      firstOutput ??= performance.now();
      if (keepStdout) out.push(c);
    });
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({
        ms: performance.now() - started,
        code,
        firstOutput,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      });
    });
  });
}

/** Fails loudly: a figure measured on a failing command means nothing. */
export async function ok(argv, options) {
  const r = await timed(argv, options);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited ${r.code}: ${r.stderr.trim().split('\n').at(-1)}`);
  return r;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Median wall time of each command, run in turn `runs` times after one
 * warm-up round, so that a slow moment of the machine hits all of them alike.
 */
export async function sideBySide(commands, runs) {
  const times = commands.map(() => []);
  for (let round = -1; round < runs; round++) {
    for (const [i, c] of commands.entries()) {
      const r = await ok(c.argv, { env: c.env });
      if (round >= 0) times[i].push(r.ms);
    }
  }
  return times.map(median);
}

/** Peak resident memory (MiB) of a command, median of three runs. */
export async function peakRssMiB(argv, env) {
  const dir = mkdtempSync(join(tmpdir(), 'fas-bench-rss-'));
  const file = join(dir, 'rss');
  const values = [];
  try {
    for (let i = 0; i < 3; i++) {
      await ok(argv, { env: { ...env, NODE_OPTIONS: `--import=${RSS_HOOK}`, FAS_BENCH_RSS_FILE: file } });
      values.push(Number(readFileSync(file, 'utf8')) / 1024);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return median(values);
}
