// The sandbox's spot market. Every price is a pure function of (seed, metro,
// plan, 5-minute step): nothing is stored and nothing depends on what was
// asked before, so a restarted sandbox with the same seed shows the same
// market, and any moment of the last 90 days (or the future) costs O(1).
import { OUT_OF_CAPACITY_FACTOR, findMetro, findPlan } from './catalog.js';
import { round4 } from '../../api/values.js';
import { eventAt, fnv1a, KnotMemo, layeredNoise, layersSd, lerp, mix32, SlotMemo, unit, type EventShape, type Layer } from './noise.js';

/** Seconds per price step; prices only change at multiples of this. */
export const STEP_SECONDS = 300;

const STEPS_PER_DAY = 86_400 / STEP_SECONDS;

// A real spot market holds a price for a while, drifts over days, and now
// and then rises for an hour or two when demand does; a "balanced" bid 15%
// above last week's minimum then runs most of the week and is revoked by
// those rises, not by noise. So the price is a market's level, a slow drift,
// a small move every half hour, and occasional rises; surges above on-demand
// and out-of-capacity spells are rarer still.

/** Steps an ordinary price holds before it moves. */
const HOLD_STEPS = 6;

// Value-noise layers (spans in steps) of the slow drift, and their weights.
const DRIFT_LAYERS: readonly Layer[] = [
  { steps: 288, weight: 0.3 }, // a day
  { steps: 1152, weight: 1 }, // four days
  { steps: 4032, weight: 0.8 }, // two weeks
];
const DRIFT_SD = layersSd(DRIFT_LAYERS);
// The half-hourly moves: a little new every half hour, mostly a few hours' swing.
const JITTER_LAYERS: readonly Layer[] = [
  { steps: 1, weight: 0.4 },
  { steps: 36, weight: 1 },
];
const JITTER_SD = layersSd(JITTER_LAYERS);

// Ordinary prices bend softly towards this share of on-demand and never
// reach it, so only surges and capacity spells cross the on-demand price.
const SOFT_CAP = 0.95;
const SOFT_KNEE = 0.8;

/** How much a market moves; the sandbox's `--volatility`. */
export type Volatility = 'low' | 'normal' | 'high';
export const VOLATILITIES: readonly Volatility[] = ['low', 'normal', 'high'];

export interface PriceModelOptions {
  /** Default 'normal': a calm, real market. 'high' revokes balanced bids several times a day. */
  volatility?: Volatility;
}

/** Each market draws its own figures from these ranges. */
interface Profile {
  /** Log-price standard deviation of the slow drift. */
  drift: readonly [number, number];
  /** Log-price standard deviation of the half-hourly moves. */
  jitter: readonly [number, number];
  /** Demand rises: how many a day (at most one a slot), and how far up as a log-price. */
  rise: EventShape & { perDay: readonly [number, number]; height: readonly [number, number] };
  /** Scales the rate of surges above on-demand. */
  surges: number;
}

const PROFILES: Record<Volatility, Profile> = {
  low: {
    drift: [0.01, 0.025],
    jitter: [0.004, 0.01],
    rise: { perDay: [0.02, 0.15], slotSteps: 144, minSteps: 6, maxSteps: 48, height: [0.1, 0.4] },
    surges: 0.5,
  },
  normal: {
    drift: [0.02, 0.05],
    jitter: [0.008, 0.02],
    rise: { perDay: [0.1, 0.6], slotSteps: 144, minSteps: 6, maxSteps: 48, height: [0.1, 0.5] },
    surges: 1,
  },
  high: {
    drift: [0.03, 0.06],
    jitter: [0.015, 0.03],
    rise: { perDay: [3, 6], slotSteps: 48, minSteps: 3, maxSteps: 24, height: [0.15, 0.6] },
    surges: 3,
  },
};

/** Short, rare price spikes above on-demand (but below any "continuity" bid). */
const SURGE = { perNinetyDays: [2, 6], slotSteps: STEPS_PER_DAY, minSteps: 1, maxSteps: 12, peak: [1.1, 1.9] } as const;
/** Out-of-capacity spells: the price sits at exactly 10x on-demand. */
const SPELL = { perNinetyDays: [2, 5], slotSteps: STEPS_PER_DAY, minSteps: 4, maxSteps: 36 } as const;

/** The figures one market (a metro and plan) draws from the seed and its volatility's profile. */
interface MarketParams {
  key: number;
  onDemand: number;
  /** The share of on-demand the price drifts around. */
  level: number;
  drift: number;
  jitter: number;
  riseChance: number;
  riseHeight: readonly [number, number];
  surgeChance: number;
  spellChance: number;
}

export class PriceModel {
  private readonly seedKey: number;
  private readonly profile: Profile;
  // A cache of values derived from the seed alone, so it cannot make answers
  // depend on the order of questions.
  private readonly paramsByMarket = new Map<string, MarketParams>();

  constructor(seed: number, options: PriceModelOptions = {}) {
    if (!Number.isFinite(seed)) throw new RangeError(`price model seed must be a finite number, got ${seed}`);
    const volatility = options.volatility ?? 'normal';
    if (!VOLATILITIES.includes(volatility)) {
      throw new RangeError(`volatility must be one of ${VOLATILITIES.join(', ')}, got ${String(volatility)}`);
    }
    this.profile = PROFILES[volatility];
    const whole = Math.trunc(seed);
    this.seedKey = mix32(mix32(whole >>> 0) ^ Math.floor(whole / 2 ** 32));
  }

  /** Simulated spot price (USD/h, rounded to 4 decimals) of (metro, plan) at Unix second t. */
  priceAt(metro: string, plan: string, t: number): number {
    return this.priceOfStep(this.paramsOf(metro, plan), stepOf(t), new Walk());
  }

  /** Points every 300 s (aligned to multiples of 300) from `from` to `until` inclusive, oldest first. */
  history(metro: string, plan: string, from: number, until: number): { price: number; timestamp: number }[] {
    const params = this.paramsOf(metro, plan);
    const last = stepOf(until);
    const first = Math.ceil(finite(from) / STEP_SECONDS);
    const walk = new Walk();
    const points: { price: number; timestamp: number }[] = [];
    for (let step = first; step <= last; step++) {
      points.push({ price: this.priceOfStep(params, step, walk), timestamp: step * STEP_SECONDS });
    }
    return points;
  }

  /** True when the price is at 10x on-demand (out of capacity). */
  outOfCapacity(metro: string, plan: string, t: number): boolean {
    const params = this.paramsOf(metro, plan);
    return eventAt(params.key, SALT.spell, params.spellChance, SPELL, stepOf(t), new SlotMemo()) !== undefined;
  }

  private priceOfStep(params: MarketParams, step: number, walk: Walk): number {
    if (eventAt(params.key, SALT.spell, params.spellChance, SPELL, step, walk.spell) !== undefined) {
      return round4(params.onDemand * OUT_OF_CAPACITY_FACTOR);
    }
    const hold = Math.floor(step / HOLD_STEPS);
    const drift = layeredNoise(params.key, SALT.drift, DRIFT_LAYERS, hold * HOLD_STEPS, walk.drift) / DRIFT_SD;
    const wobble = layeredNoise(params.key, SALT.jitter, JITTER_LAYERS, hold * HOLD_STEPS, walk.jitter) / JITTER_SD;
    let log = params.drift * drift + params.jitter * wobble;
    const rise = eventAt(params.key, SALT.rise, params.riseChance, this.profile.rise, step, walk.rise);
    if (rise !== undefined) log += lerp(params.riseHeight[0], params.riseHeight[1], unit(params.key, SALT.riseHeight, rise.start));
    let share = softCap(params.level * Math.exp(log));
    const surge = eventAt(params.key, SALT.surge, params.surgeChance, SURGE, step, walk.surge);
    if (surge !== undefined) {
      const peak = lerp(SURGE.peak[0], SURGE.peak[1], unit(params.key, SALT.surgePeak, surge.start));
      // A tent: the spike climbs to its peak mid-way and falls back.
      const tent = 1 - Math.abs((2 * (step - surge.start) + 1) / surge.length - 1);
      share = Math.max(share, share + (peak - share) * tent);
    }
    // Rounding could turn a tiny price into 0, which no bid could beat.
    return Math.max(0.0001, round4(params.onDemand * share));
  }

  private paramsOf(metro: string, plan: string): MarketParams {
    const name = `${metro}/${plan}`;
    let params = this.paramsByMarket.get(name);
    if (params === undefined) {
      if (findMetro(metro) === undefined) throw new RangeError(`unknown metro: ${metro}`);
      const found = findPlan(plan);
      if (found === undefined) throw new RangeError(`unknown plan: ${plan}`);
      const key = mix32(this.seedKey ^ fnv1a(name));
      const { drift, jitter, rise, surges } = this.profile;
      const draw = (range: readonly [number, number], salt: number) => lerp(range[0], range[1], unit(key, salt, 0));
      params = {
        key,
        onDemand: found.pricing.hour,
        level: draw([0.2, 0.6], SALT.level),
        drift: draw(drift, SALT.driftSize),
        jitter: draw(jitter, SALT.jitterSize),
        riseChance: (draw(rise.perDay, SALT.riseRate) * rise.slotSteps) / STEPS_PER_DAY,
        riseHeight: rise.height,
        surgeChance: surges * perDay(draw(SURGE.perNinetyDays, SALT.surgeRate)),
        spellChance: perDay(draw(SPELL.perNinetyDays, SALT.spellRate)),
      };
      this.paramsByMarket.set(name, params);
    }
    return params;
  }
}

// Distinct hash streams per purpose, so e.g. the level never correlates with the noise.
// Spells, surges and levels keep the streams they always had, so a seed
// keeps its out-of-capacity spells and surges.
const SALT = {
  level: 1,
  driftSize: 2,
  surgeRate: 3,
  spellRate: 4,
  riseRate: 5,
  jitterSize: 6,
  surge: 10,
  surgePeak: 11,
  spell: 20,
  rise: 30,
  riseHeight: 31,
  jitter: 100,
  drift: 200,
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

class Walk {
  readonly drift: KnotMemo[] = [];
  readonly jitter: KnotMemo[] = [];
  readonly rise = new SlotMemo();
  readonly spell = new SlotMemo();
  readonly surge = new SlotMemo();
}

function softCap(share: number): number {
  if (share <= SOFT_KNEE) return share;
  const room = SOFT_CAP - SOFT_KNEE;
  return SOFT_KNEE + room * Math.tanh((share - SOFT_KNEE) / room);
}
