// Seeded noise for the price model: hashes, smooth value noise and events
// placed in slots. Each value is a pure function of (key, salt, index), so
// any moment costs O(1) and no answer depends on the order of questions.

export interface EventShape {
  /** Each slot of this many steps may hold one event, no longer than the slot. */
  slotSteps: number;
  minSteps: number;
  maxSteps: number;
}

export interface Layer {
  steps: number;
  weight: number;
}

export function layeredNoise(key: number, salt: number, layers: readonly Layer[], step: number, knots: KnotMemo[]): number {
  let sum = 0;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    sum += layer.weight * valueNoise(key, salt + i, step, layer.steps, (knots[i] ??= new KnotMemo()));
  }
  return sum;
}

// Uniform(-1, 1) knots have a variance of 1/3; eased between knots it averages
// about 0.24. Dividing by this makes a layered noise's standard deviation ~1.
export function layersSd(layers: readonly Layer[]): number {
  return Math.sqrt(layers.reduce((sum, l) => sum + l.weight * l.weight * (l.steps === 1 ? 1 / 3 : 0.24), 0));
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
 * Each slot of `shape.slotSteps` may hold one event, starting anywhere in it.
 * Events are no longer than a slot, so only this slot's and the previous
 * one's can cover a step: O(1).
 */
export function eventAt(
  key: number,
  salt: number,
  chance: number,
  shape: EventShape,
  step: number,
  memo: SlotMemo,
): PriceEvent | undefined {
  const slot = Math.floor(step / shape.slotSteps);
  if (memo.slot !== slot) {
    memo.previous = memo.slot === slot - 1 ? memo.current : eventOfSlot(key, salt, chance, shape, slot - 1);
    memo.current = eventOfSlot(key, salt, chance, shape, slot);
    memo.slot = slot;
  }
  // Written out rather than in a helper: this runs three times per step of a history.
  const { current, previous } = memo;
  if (current !== undefined && step >= current.start && step < current.start + current.length) return current;
  if (previous !== undefined && step >= previous.start && step < previous.start + previous.length) return previous;
  return undefined;
}

function eventOfSlot(key: number, salt: number, chance: number, shape: EventShape, slot: number): PriceEvent | undefined {
  if (unit(key, salt, slot * 4) >= chance) return undefined;
  return {
    start: slot * shape.slotSteps + Math.floor(unit(key, salt, slot * 4 + 1) * shape.slotSteps),
    length: shape.minSteps + Math.floor(unit(key, salt, slot * 4 + 2) * (shape.maxSteps - shape.minSteps + 1)),
  };
}

// A history walks thousands of steps that share noise knots and slots; these
// memos remember the last ones. They hold only values that are pure functions
// of their index, so they save work without changing any answer.
export class KnotMemo {
  knot = Number.NaN;
  left = 0;
  right = 0;
}

export class SlotMemo {
  slot = Number.NaN;
  current: PriceEvent | undefined = undefined;
  previous: PriceEvent | undefined = undefined;
}

/** Uniform in [0, 1) from (key, salt, index). */
export function unit(key: number, salt: number, index: number): number {
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
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function lerp(a: number, b: number, f: number): number {
  return a + (b - a) * f;
}

