// Fault injection (`--faults`): the sandbox misbehaves the way networks and
// overloaded APIs do, so clients can prove they lose nothing and double
// nothing. A drop *after* the work is the dangerous one: the spot was bought
// but the client never heard, and a naive retry buys a second.
import type { Socket } from 'node:net';
import { UsageError } from '../errors.js';
import { prng } from './random.js';

export interface FaultSpec {
  /** Close the connection without an answer (half before the work, half after). */
  drop: number;
  /** Reset the connection (TCP RST), half before the work, half after. */
  reset: number;
  /** Answer this status instead of doing the work, with the given share. */
  statuses: Map<number, number>;
  /** Extra delay before each answer, drawn uniformly from [min, max] ms. */
  latencyMs?: [number, number] | undefined;
}

export type FaultKind = 'drop-before' | 'drop-after' | 'reset-before' | 'reset-after' | `status-${number}`;

export interface Fault {
  kind: FaultKind | undefined;
  latencyMs: number;
}

const STATUS_FAULTS = [429, 500, 502, 503, 504];

export function parseFaults(text: string): FaultSpec {
  const spec: FaultSpec = { drop: 0, reset: 0, statuses: new Map() };
  const bad = (why: string) =>
    new UsageError(`invalid --faults '${text}': ${why}`, {
      hint: 'e.g. --faults drop=0.1,reset=0.05,503=0.1,429=0.05,latency=50-400ms',
    });
  let total = 0;
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [name, value, ...rest] = part.split('=');
    if (!name || value === undefined || rest.length > 0) throw bad(`'${part}' is not name=value`);
    if (name === 'latency') {
      spec.latencyMs = parseLatency(value) ?? (() => { throw bad(`latency '${value}' is not like 50ms or 50-400ms`); })();
      continue;
    }
    const share = value.trim() === '' ? NaN : Number(value);
    if (!Number.isFinite(share) || share < 0 || share > 1) throw bad(`${name}=${value} is not a share from 0 to 1`);
    total += share;
    if (name === 'drop') spec.drop = share;
    else if (name === 'reset') spec.reset = share;
    else if (STATUS_FAULTS.includes(Number(name))) spec.statuses.set(Number(name), share);
    else throw bad(`unknown fault '${name}' (known: drop, reset, ${STATUS_FAULTS.join(', ')}, latency)`);
  }
  if (total > 1) throw bad('the shares add up to more than 1');
  return spec;
}

function parseLatency(value: string): [number, number] | undefined {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(ms|s)?$/.exec(value.trim());
  if (!m) return undefined;
  const unit = m[3] === 's' ? 1000 : 1;
  const min = Number(m[1]) * unit;
  const max = m[2] === undefined ? min : Number(m[2]) * unit;
  return max >= min && max <= 60_000 ? [min, max] : undefined;
}

export function describeFaults(spec: FaultSpec): string {
  const parts: string[] = [];
  if (spec.drop) parts.push(`drop=${spec.drop}`);
  if (spec.reset) parts.push(`reset=${spec.reset}`);
  for (const [status, share] of spec.statuses) parts.push(`${status}=${share}`);
  if (spec.latencyMs) parts.push(`latency=${spec.latencyMs[0]}-${spec.latencyMs[1]}ms`);
  return parts.join(',');
}

/** Draws the fault for each request from a seeded stream, and counts what it injected. */
export class FaultInjector {
  readonly injected: Record<string, number> = {};
  requests = 0;
  private readonly random: () => number;

  constructor(
    readonly spec: FaultSpec,
    seed: number,
  ) {
    // A stream of its own, so turning faults on does not change which executions fail.
    this.random = prng(seed ^ 0x5eed_fa17);
  }

  draw(): Fault {
    this.requests++;
    const { latencyMs } = this.spec;
    const latency = latencyMs ? latencyMs[0] + this.random() * (latencyMs[1] - latencyMs[0]) : 0;
    let r = this.random();
    let kind: FaultKind | undefined;
    const pick = (share: number, k: () => FaultKind) => {
      if (kind === undefined && r < share) kind = k();
      r -= share;
    };
    pick(this.spec.drop, () => (this.random() < 0.5 ? 'drop-before' : 'drop-after'));
    pick(this.spec.reset, () => (this.random() < 0.5 ? 'reset-before' : 'reset-after'));
    for (const [status, share] of this.spec.statuses) pick(share, () => `status-${status}`);
    if (kind) this.injected[kind] = (this.injected[kind] ?? 0) + 1;
    return { kind, latencyMs: Math.round(latency) };
  }
}

/** Ends a connection without an answer: quietly (FIN) or abruptly (RST). */
export function cut(socket: Socket, kind: FaultKind): void {
  if (kind.startsWith('reset') && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
  else socket.destroy();
}
