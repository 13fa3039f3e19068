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

export const PLANS: readonly Plan[] = deepFreeze([
  {
    slug: 'c3.small',
    name: 'Compute small',
    pricing: { hour: 0.5 },
    specs: { cpus: 8, memory_gb: 32, storage_gb: 480 },
  },
  {
    slug: 'c3.medium',
    name: 'Compute medium',
    pricing: { hour: 1.0 },
    specs: { cpus: 24, memory_gb: 64, storage_gb: 960 },
  },
  {
    slug: 'm3.large',
    name: 'Memory large',
    pricing: { hour: 2.0 },
    specs: { cpus: 32, memory_gb: 256, storage_gb: 3840 },
  },
  {
    slug: 's3.xlarge',
    name: 'Storage extra large',
    pricing: { hour: 3.0 },
    specs: { cpus: 24, memory_gb: 192, storage_gb: 48000 },
  },
  {
    slug: 'g3.xlarge',
    name: 'GPU extra large',
    pricing: { hour: 5.0 },
    specs: { cpus: 32, memory_gb: 256, storage_gb: 3840, gpus: 4 },
  },
]);

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
