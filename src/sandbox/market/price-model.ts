// The sandbox's spot market. Every price is a pure function of (seed, metro,
// plan, 5-minute step): nothing is stored and nothing depends on what was
// asked before, so a restarted sandbox with the same seed shows the same
// market, and any moment of the last 90 days (or the future) costs O(1).
import { OUT_OF_CAPACITY_FACTOR, findMetro, findPlan } from './catalog.js';

/** Seconds per price step; prices only change at multiples of this. */
export const STEP_SECONDS = 300;

const STEPS_PER_DAY = 86_400 / STEP_SECONDS;

// Real spot markets idle near a floor and make excursions upwards when demand
// rises; a symmetric random walk would instead put the 7-day minimum far below
// the typical price and get every "balanced" bid revoked. So the price is a
// floor, a little fast jitter around it, and slow smooth excursions above it.
// Value-noise layers (spans in steps) and their weights:
const JITTER_LAYERS: readonly Layer[] = [
  { steps: 1, weight: 0.5 }, // step to step
  { steps: 6, weight: 1 }, // half an hour
];
const EXCURSION_LAYERS: readonly Layer[] = [
  { steps: 36, weight: 0.5 }, // three hours
  { steps: 144, weight: 1 }, // half a day
  { steps: 576, weight: 1 }, // two days
  { steps: 2016, weight: 0.8 }, // a week
];
const JITTER_SD = layersSd(JITTER_LAYERS);
const EXCURSION_SD = layersSd(EXCURSION_LAYERS);
/** How sharply an excursion leaves the floor (softplus sharpness). */
const EXCURSION_KNEE = 3;

// Ordinary prices bend softly towards this share of on-demand and never
// reach it, so only surges and capacity spells cross the on-demand price.
const SOFT_CAP = 0.95;
const SOFT_KNEE = 0.8;

/** Short, rare price spikes above on-demand (but below any "continuity" bid). */
const SURGE = { perNinetyDays: [2, 6], minSteps: 1, maxSteps: 12, peak: [1.1, 1.9] } as const;
/** Out-of-capacity spells: the price sits at exactly 10x on-demand. */
const SPELL = { perNinetyDays: [2, 5], minSteps: 4, maxSteps: 36 } as const;

interface EventShape {
  minSteps: number;
  maxSteps: number;
}

interface Layer {
  steps: number;
  weight: number;
}

interface Market {
  key: number;
  onDemand: number;
  /** The floor the price idles at, as a share of on-demand. */
  level: number;
  /** Standard deviation of the fast log-price jitter around the floor. */
  jitter: number;
  /** Log-price amplitude of the slow excursions above the floor. */
  volatility: number;
  /** The higher, the rarer the excursions (in standard deviations of the slow noise). */
  calm: number;
  /** softplus(-calm): subtracting it puts the floor exactly at `level`. */
  calmOffset: number;
  surgeChance: number;
  spellChance: number;
}

export class PriceModel {
  private readonly seedKey: number;
  // A cache of values derived from the seed alone, so it cannot make answers
  // depend on the order of questions.
  private readonly markets = new Map<string, Market>();

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`price model seed must be a finite number, got ${seed}`);
    const whole = Math.trunc(seed);
    this.seedKey = mix32(mix32(whole >>> 0) ^ Math.floor(whole / 2 ** 32));
  }

  /** Simulated spot price (USD/h, rounded to 4 decimals) of (metro, plan) at Unix second t. */
  priceAt(metro: string, plan: string, t: number): number {
    return this.priceOfStep(this.market(metro, plan), stepOf(t), new Walk());
  }

  /** Points every 300 s (aligned to multiples of 300) from `from` to `until` inclusive, oldest first. */
  history(metro: string, plan: string, from: number, until: number): { price: number; timestamp: number }[] {
    const market = this.market(metro, plan);
    const last = stepOf(until);
    const first = Math.ceil(finite(from) / STEP_SECONDS);
    const walk = new Walk();
    const points: { price: number; timestamp: number }[] = [];
    for (let step = first; step <= last; step++) {
      points.push({ price: this.priceOfStep(market, step, walk), timestamp: step * STEP_SECONDS });
    }
    return points;
  }

  /** True when the price is at 10x on-demand (out of capacity). */
  outOfCapacity(metro: string, plan: string, t: number): boolean {
    const market = this.market(metro, plan);
    return eventAt(market.key, SALT.spell, market.spellChance, SPELL, stepOf(t), new DayMemo()) !== undefined;
  }

  private priceOfStep(market: Market, step: number, walk: Walk): number {
    if (eventAt(market.key, SALT.spell, market.spellChance, SPELL, step, walk.spell) !== undefined) {
      return round4(market.onDemand * OUT_OF_CAPACITY_FACTOR);
    }
    const fast = layeredNoise(market.key, SALT.jitter, JITTER_LAYERS, step, walk.jitter) / JITTER_SD;
    const slow = layeredNoise(market.key, SALT.excursion, EXCURSION_LAYERS, step, walk.excursion) / EXCURSION_SD;
    // Zero while the slow noise is below `calm`, rising smoothly above it.
    const excursion = softplus(slow - market.calm) - market.calmOffset;
    let share = softCap(market.level * Math.exp(market.jitter * fast + market.volatility * excursion));
    const surge = eventAt(market.key, SALT.surge, market.surgeChance, SURGE, step, walk.surge);
    if (surge !== undefined) {
      const peak = lerp(SURGE.peak[0], SURGE.peak[1], unit(market.key, SALT.surgePeak, surge.start));
      // A tent: the spike climbs to its peak mid-way and falls back.
      const tent = 1 - Math.abs((2 * (step - surge.start) + 1) / surge.length - 1);
      share = Math.max(share, share + (peak - share) * tent);
    }
    // Rounding could turn a tiny price into 0, which no bid could beat.
    return Math.max(0.0001, round4(market.onDemand * share));
  }

  private market(metro: string, plan: string): Market {
    const name = `${metro}/${plan}`;
    let market = this.markets.get(name);
    if (market === undefined) {
      if (findMetro(metro) === undefined) throw new RangeError(`unknown metro: ${metro}`);
      const found = findPlan(plan);
      if (found === undefined) throw new RangeError(`unknown plan: ${plan}`);
      const key = mix32(this.seedKey ^ fnv1a(name));
      const calm = lerp(0.25, 1, unit(key, SALT.calm, 0));
      market = {
        key,
        onDemand: found.pricing.hour,
        level: lerp(0.2, 0.6, unit(key, SALT.level, 0)),
        jitter: lerp(0.02, 0.04, unit(key, SALT.jitterSize, 0)),
        volatility: lerp(0.15, 0.5, unit(key, SALT.volatility, 0)),
        calm,
        calmOffset: softplus(-calm),
        surgeChance: perDay(lerp(SURGE.perNinetyDays[0], SURGE.perNinetyDays[1], unit(key, SALT.surgeRate, 0))),
        spellChance: perDay(lerp(SPELL.perNinetyDays[0], SPELL.perNinetyDays[1], unit(key, SALT.spellRate, 0))),
      };
      this.markets.set(name, market);
    }
    return market;
  }
}

// Distinct hash streams per purpose, so e.g. the level never correlates with the noise.
const SALT = {
  level: 1,
  volatility: 2,
  surgeRate: 3,
  spellRate: 4,
  calm: 5,
  jitterSize: 6,
  surge: 10,
  surgePeak: 11,
  spell: 20,
  jitter: 100,
  excursion: 200,
} as const;

function stepOf(t: number): number {
  return Math.floor(finite(t) / STEP_SECONDS);
}

// NaN would hash to some price, and Infinity would never end a history loop.
function finite(t: number): number {
  if (!Number.isFinite(t)) throw new RangeError(`time must be a finite number of Unix seconds, got ${t}`);
  return t;
}

function perDay(eventsPerNinetyDays: number): number {
  return eventsPerNinetyDays / 90;
}

function layeredNoise(key: number, salt: number, layers: readonly Layer[], step: number, knots: KnotMemo[]): number {
  let sum = 0;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    sum += layer.weight * valueNoise(key, salt + i, step, layer.steps, (knots[i] ??= new KnotMemo()));
  }
  return sum;
}

// Uniform(-1, 1) knots have a variance of 1/3; eased between knots it averages
// about 0.24. Dividing by this makes a layered noise's standard deviation ~1.
function layersSd(layers: readonly Layer[]): number {
  return Math.sqrt(layers.reduce((sum, l) => sum + l.weight * l.weight * (l.steps === 1 ? 1 / 3 : 0.24), 0));
}

function softplus(x: number): number {
  return Math.log1p(Math.exp(EXCURSION_KNEE * x)) / EXCURSION_KNEE;
}

/** Smooth noise in [-1, 1]: seeded knots every `span` steps, eased between them. */
function valueNoise(key: number, salt: number, step: number, span: number, memo: KnotMemo): number {
  if (span === 1) return signed(key, salt, step);
  const knot = Math.floor(step / span);
  if (memo.knot !== knot) {
    memo.knot = knot;
    memo.left = signed(key, salt, knot);
    memo.right = signed(key, salt, knot + 1);
  }
  const frac = (step - knot * span) / span;
  return lerp(memo.left, memo.right, frac * frac * (3 - 2 * frac));
}

interface PriceEvent {
  start: number;
  length: number;
}

/**
 * Each day may hold one event, starting anywhere in it. Events are shorter
 * than a day, so only today's and yesterday's can cover a step: O(1).
 */
function eventAt(
  key: number,
  salt: number,
  chance: number,
  shape: EventShape,
  step: number,
  memo: DayMemo,
): PriceEvent | undefined {
  const today = Math.floor(step / STEPS_PER_DAY);
  if (memo.day !== today) {
    memo.yesterday = memo.day === today - 1 ? memo.today : eventOfDay(key, salt, chance, shape, today - 1);
    memo.today = eventOfDay(key, salt, chance, shape, today);
    memo.day = today;
  }
  // Written out rather than in a helper: this runs twice per step of a history.
  const { today: current, yesterday: previous } = memo;
  if (current !== undefined && step >= current.start && step < current.start + current.length) return current;
  if (previous !== undefined && step >= previous.start && step < previous.start + previous.length) return previous;
  return undefined;
}

function eventOfDay(key: number, salt: number, chance: number, shape: EventShape, day: number): PriceEvent | undefined {
  if (unit(key, salt, day * 4) >= chance) return undefined;
  return {
    start: day * STEPS_PER_DAY + Math.floor(unit(key, salt, day * 4 + 1) * STEPS_PER_DAY),
    length: shape.minSteps + Math.floor(unit(key, salt, day * 4 + 2) * (shape.maxSteps - shape.minSteps + 1)),
  };
}

// A history walks thousands of steps that share noise knots and days; these
// memos remember the last ones. They hold only values that are pure functions
// of their index, so they save work without changing any answer.
class KnotMemo {
  knot = Number.NaN;
  left = 0;
  right = 0;
}

class DayMemo {
  day = Number.NaN;
  today: PriceEvent | undefined = undefined;
  yesterday: PriceEvent | undefined = undefined;
}

class Walk {
  readonly jitter: KnotMemo[] = [];
  readonly excursion: KnotMemo[] = [];
  readonly spell = new DayMemo();
  readonly surge = new DayMemo();
}

function softCap(share: number): number {
  if (share <= SOFT_KNEE) return share;
  const room = SOFT_CAP - SOFT_KNEE;
  return SOFT_KNEE + room * Math.tanh((share - SOFT_KNEE) / room);
}

/** Uniform in [0, 1) from (key, salt, index). */
function unit(key: number, salt: number, index: number): number {
  let h = mix32(mix32(key ^ Math.imul(salt, 0x9e3779b9)) ^ (index | 0));
  // Step numbers fit in 32 bits for the next few thousand years; beyond that
  // the high word is mixed in so far-off times do not alias.
  const hi = Math.floor(index / 2 ** 32);
  if (hi !== 0) h = mix32(h ^ Math.imul(hi | 0, 0x85ebca6b));
  return h / 2 ** 32;
}

function signed(key: number, salt: number, index: number): number {
  return unit(key, salt, index) * 2 - 1;
}

/** MurmurHash3's finalizer: a cheap 32-bit mix with good avalanche. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function lerp(a: number, b: number, f: number): number {
  return a + (b - a) * f;
}

function round4(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
