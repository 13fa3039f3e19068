// The sandbox's fixed world: where spots can run and what they can be.
import type { Metro, Plan } from '../../api/types.js';

export const METROS: readonly Metro[] = deepFreeze([
  { code: 'sv', name: 'Silicon Valley' },
  { code: 'da', name: 'Dallas' },
  { code: 'ny', name: 'New York' },
  { code: 'am', name: 'Amsterdam' },
  { code: 'fr', name: 'Frankfurt' },
  { code: 'sg', name: 'Singapore' },
]);

// slug, name, on-demand USD per hour; CPUs, memory and storage in GB, GPUs.
export const PLANS: readonly Plan[] = deepFreeze([
  plan('c3.small', 'Compute small', 0.5, [8, 32, 480]),
  plan('c3.medium', 'Compute medium', 1.0, [24, 64, 960]),
  plan('m3.large', 'Memory large', 2.0, [32, 256, 3840]),
  plan('s3.xlarge', 'Storage extra large', 3.0, [24, 192, 48000]),
  plan('g3.xlarge', 'GPU extra large', 5.0, [32, 256, 3840, 4]),
]);

function plan(slug: string, name: string, hour: number, [cpus, memory_gb, storage_gb, gpus]: [number, number, number, number?]): Plan {
  return { slug, name, pricing: { hour }, specs: { cpus, memory_gb, storage_gb, ...(gpus === undefined ? {} : { gpus }) } };
}

export function findMetro(code: string): Metro | undefined {
  return METROS.find((m) => m.code === code);
}

export function findPlan(slug: string): Plan | undefined {
  return PLANS.find((p) => p.slug === slug);
}

export const DEFAULT_METRO = 'sv';
export const DEFAULT_PLAN = 'c3.small';

export { OUT_OF_CAPACITY_FACTOR } from '../../api/types.js';

// Handlers hand these objects straight to JSON responses; freezing them means
// no request can quietly change the catalog for every later one.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
